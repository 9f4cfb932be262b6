import { useCallback, useEffect, useRef, useState } from 'react';
import type { ResolverAnswer, ResolverName } from '../../src/resolvers/resolver-contract';
import type { PayloadArgument } from './call-resolver';
import { claimFirstCall, loadableCall, settledFirstCall, type Loadable } from './first-call';

export type { Loadable } from './first-call';

const LOADING = { state: 'loading' } as const;

/**
 * Loads a resolver's data on mount; `reload` asks again. While reloading, what is on screen stays there
 * (so forms and lists below keep their state) until the new answer arrives. The first load takes the page's
 * first call if the entry script sent this one (first-call.ts), and renders its answer at once if it is in.
 */
export function useResolver<N extends ResolverName>(name: N, ...payload: PayloadArgument<N>) {
  const key = JSON.stringify(payload[0] ?? null);
  const [value, setValue] = useState<Loadable<ResolverAnswer<N>>>(() => settledFirstCall(name, key) ?? LOADING);
  const ready = useRef(value.state === 'ready');
  const load = useCallback(() => {
    const first = claimFirstCall(name, key);
    // Already on screen from the first render: setting the same value again renders nothing.
    if (first?.settled) return show(first.settled);
    if (!ready.current) setValue(LOADING);
    void (first?.answer ?? loadableCall(name, ...payload)).then(show);
    function show(outcome: Loadable<ResolverAnswer<N>>) {
      ready.current = outcome.state === 'ready';
      setValue(outcome);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [name, key]);
  useEffect(load, [load]);
  return { value, reload: load };
}
