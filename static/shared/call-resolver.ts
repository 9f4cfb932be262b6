import { invoke } from '@forge/bridge';
import type { ResolverAnswer, ResolverName, ResolverPayload } from '../../src/resolvers/resolver-contract';
import type { ResolverResult } from '../../src/resolvers/resolver-request';

/** A resolver's failure as the UI shows it: the message is already written for the reader. */
export class ResolverCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** What another system (the Git host) said, for a details disclosure. */
    readonly details?: string,
    /** The request field the message is about, for a form to show it beside that field. */
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Anything a call threw, as a ResolverCallError; what is not one already gets `fallback` as its message. */
export function toCallError(failure: unknown, fallback: string): ResolverCallError {
  return failure instanceof ResolverCallError ? failure : new ResolverCallError('unknown', fallback);
}

/** A call's payload argument: left out for a resolver that reads none, required for one that does. */
export type PayloadArgument<N extends ResolverName> = undefined extends ResolverPayload<N> ? [payload?: ResolverPayload<N>] : [payload: ResolverPayload<N>];

/** Calls a back-end resolver and returns its data, or throws its user-facing error. */
export async function callResolver<N extends ResolverName>(name: N, ...[payload]: PayloadArgument<N>): Promise<ResolverAnswer<N>> {
  let result: ResolverResult<ResolverAnswer<N>>;
  try {
    result = (await invoke(name, payload)) as ResolverResult<ResolverAnswer<N>>;
  } catch {
    throw new ResolverCallError('bridge_error', 'Could not reach the app. Check your connection and reload the page.');
  }
  if (!result || typeof result !== 'object' || !('ok' in result)) {
    throw new ResolverCallError('bad_response', 'The app sent an answer this page does not understand. Reload the page.');
  }
  if (!result.ok) throw new ResolverCallError(result.error.code, result.error.message, result.error.details, result.error.field);
  return result.data;
}
