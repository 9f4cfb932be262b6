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
      // Which field of the request the message is about, so a form can show it beside that field.
      const field = typeof error.detail?.field === 'string' ? { field: error.detail.field } : {};
      return { ok: false, error: { code: error.code, message: error.message, ...details, ...field } };
    }
    log.error('resolver crashed', { resolver: name, error: error instanceof Error ? error.message : String(error) });
    return { ok: false, error: { code: 'internal_error', message: 'Something went wrong on our side. Try again; if it keeps happening, check the app logs.' } };
  }
}

export function requireIssueKey(issueKey: string | undefined): string {
  if (!issueKey) throw new AppError('invalid_input', 'This panel must be opened from an issue.');
  return issueKey;
}
