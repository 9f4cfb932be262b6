import { useCallback, useEffect, useRef, useState } from 'react';
import { callResolver, ResolverCallError } from './call-resolver';

export type Loadable<T> = { state: 'loading' } | { state: 'ready'; data: T } | { state: 'failed'; error: ResolverCallError };

/**
 * Loads a resolver's data on mount; `reload` asks again. While reloading, what is on screen stays there
 * (so forms and lists below keep their state) until the new answer arrives.
 */
export function useResolver<T>(name: string, payload?: Record<string, unknown>) {
  const [value, setValue] = useState<Loadable<T>>({ state: 'loading' });
  const ready = useRef(false);
  const key = JSON.stringify(payload ?? null);
  const load = useCallback(() => {
    if (!ready.current) setValue({ state: 'loading' });
    callResolver<T>(name, payload).then(
      (data) => {
        ready.current = true;
        setValue({ state: 'ready', data });
      },
      (error: unknown) => {
        ready.current = false;
        setValue({
          state: 'failed',
          error: error instanceof ResolverCallError ? error : new ResolverCallError('unknown', 'Something went wrong. Reload the page.'),
        });
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [name, key]);
  useEffect(load, [load]);
  return { value, reload: load };
}
