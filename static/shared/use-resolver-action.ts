import { useCallback, useState } from 'react';
import type { ResolverAnswer, ResolverName, ResolverPayload } from '../../src/resolvers/resolver-contract';
import { callResolver, toCallError, type ResolverCallError } from './call-resolver';

/**
 * A component's resolver calls that the reader starts (save, check, load more): while any runs, `busy` is
 * set so the component can hold its buttons, and a failure lands in `error`, in the reader's words, until
 * the next call starts. `then` runs before the call counts as done, so whatever follows the answer (opening
 * a page, reloading) also keeps the buttons held, and its own failure is shown the same way.
 */
export function useResolverAction() {
  const [running, setRunning] = useState<readonly ResolverName[]>([]);
  const [error, setError] = useState<ResolverCallError | null>(null);

  const run = useCallback(
    async <N extends ResolverName>(
      name: N,
      payload: ResolverPayload<N>,
      then?: (answer: ResolverAnswer<N>) => void | Promise<void>,
      fallback = 'Something went wrong. Try again.',
    ): Promise<void> => {
      setRunning((names) => [...names, name]);
      setError(null);
      try {
        const answer = await callResolver(name, payload);
        await then?.(answer);
      } catch (failure) {
        setError(toCallError(failure, fallback));
      } finally {
        setRunning((names) => names.filter((_, index) => index !== names.indexOf(name)));
      }
    },
    [],
  );

  return { run, busy: running.length > 0, isRunning: (name: ResolverName) => running.includes(name), error };
}
