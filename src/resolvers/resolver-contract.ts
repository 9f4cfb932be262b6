import type { resolverDefinitions, ResolverName } from './resolver-definitions';
import type { ResolverHandler } from './resolver-request';

type Definitions = ReturnType<typeof resolverDefinitions>;

/**
 * What each resolver takes and answers, read off its definition rather than restated, so that renaming a
 * resolver or changing its payload schema or its answer fails the type check of every front end that calls
 * it. The payload is a JSON object, or `undefined` for a resolver that reads none. The front ends import
 * this with `import type` only: nothing of the back end reaches the browser's bundles.
 */
export type ResolverContract = {
  [N in ResolverName]: Definitions[N] extends ResolverHandler<infer P extends Record<string, unknown> | undefined, infer R> ? { payload: P; result: R } : never;
};

export type { ResolverName };
export type ResolverPayload<N extends ResolverName> = ResolverContract[N]['payload'];
export type ResolverAnswer<N extends ResolverName> = ResolverContract[N]['result'];
