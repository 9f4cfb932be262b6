import { AppError, isAppError } from '../errors/app-error';
import type { Logger } from '../ports/ports';
import type { ResolverResult } from './resolver-request';

/**
 * Runs one resolver and turns failures into `{ ok: false, error }` the UI can show. Unexpected errors are
 * logged with their detail and reach the browser only as a generic message, so nothing internal leaks.
 */
export async function runResolver<T>(name: string, log: Logger, body: () => Promise<T>): Promise<ResolverResult<T>> {
  try {
    return { ok: true, data: await body() };
  } catch (error) {
    if (isAppError(error)) {
      log.warn('resolver failed', { resolver: name, code: error.code, message: error.message });
      const details = error.externalMessage ? { details: error.externalMessage } : {};
      return { ok: false, error: { code: error.code, message: error.message, ...details } };
    }
    log.error('resolver crashed', { resolver: name, error: error instanceof Error ? error.message : String(error) });
    return { ok: false, error: { code: 'internal_error', message: 'Something went wrong on our side. Try again; if it keeps happening, check the app logs.' } };
  }
}

export function requireIssueKey(issueKey: string | undefined): string {
  if (!issueKey) throw new AppError('invalid_input', 'This panel must be opened from an issue.');
  return issueKey;
}
