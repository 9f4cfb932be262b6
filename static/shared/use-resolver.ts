import { useCallback, useEffect, useRef, useState } from 'react';
import type { ResolverAnswer, ResolverName } from '../../src/resolvers/resolver-contract';
import { callResolver, ResolverCallError, toCallError, type PayloadArgument } from './call-resolver';

export type Loadable<T> = { state: 'loading' } | { state: 'ready'; data: T } | { state: 'failed'; error: ResolverCallError };

/**
 * Loads a resolver's data on mount; `reload` asks again. While reloading, what is on screen stays there
 * (so forms and lists below keep their state) until the new answer arrives.
 */
export function useResolver<N extends ResolverName>(name: N, ...payload: PayloadArgument<N>) {
  const [value, setValue] = useState<Loadable<ResolverAnswer<N>>>({ state: 'loading' });
  const ready = useRef(false);
  const key = JSON.stringify(payload[0] ?? null);
  const load = useCallback(() => {
    if (!ready.current) setValue({ state: 'loading' });
    callResolver(name, ...payload).then(
      (data) => {
        ready.current = true;
        setValue({ state: 'ready', data });
      },
      (error: unknown) => {
        ready.current = false;
        setValue({ state: 'failed', error: toCallError(error, 'Something went wrong. Reload the page.') });
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [name, key]);
  useEffect(load, [load]);
  return { value, reload: load };
}
