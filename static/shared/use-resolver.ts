import { useCallback, useEffect, useState } from 'react';
import { callResolver, ResolverCallError } from './call-resolver';

export type Loadable<T> = { state: 'loading' } | { state: 'ready'; data: T } | { state: 'failed'; error: ResolverCallError };

/** Loads a resolver's data once on mount; `reload` asks again. */
export function useResolver<T>(name: string, payload?: Record<string, unknown>) {
  const [value, setValue] = useState<Loadable<T>>({ state: 'loading' });
  const key = JSON.stringify(payload ?? null);
  const load = useCallback(() => {
    setValue({ state: 'loading' });
    callResolver<T>(name, payload).then(
      (data) => setValue({ state: 'ready', data }),
      (error: unknown) =>
        setValue({
          state: 'failed',
          error: error instanceof ResolverCallError ? error : new ResolverCallError('unknown', 'Something went wrong. Reload the page.'),
        }),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [name, key]);
  useEffect(load, [load]);
  return { value, reload: load };
}
