import { invoke } from '@forge/bridge';
import type { ResolverResult } from '../../src/resolvers/resolver-request';

/** A resolver's failure as the UI shows it: the message is already written for the reader. */
export class ResolverCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** What another system (the Git host) said, for a details disclosure. */
    readonly details?: string,
  ) {
    super(message);
  }
}

/** Calls a back-end resolver and returns its data, or throws its user-facing error. */
export async function callResolver<T>(name: string, payload?: Record<string, unknown>): Promise<T> {
  let result: ResolverResult<T>;
  try {
    result = (await invoke(name, payload)) as ResolverResult<T>;
  } catch {
    throw new ResolverCallError('bridge_error', 'Could not reach the app. Check your connection and reload the page.');
  }
  if (!result || typeof result !== 'object' || !('ok' in result)) {
    throw new ResolverCallError('bad_response', 'The app sent an answer this page does not understand. Reload the page.');
  }
  if (!result.ok) throw new ResolverCallError(result.error.code, result.error.message, result.error.details);
  return result.data;
}
