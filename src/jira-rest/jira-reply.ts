import { AppError } from '../errors/app-error';
import type { JiraResponse } from '../ports/jira';

/** Jira answered 5xx or 429: worth trying again later, unlike a refusal. */
export class JiraUnavailableError extends Error {
  constructor(readonly status: number) {
    super(`Jira answered HTTP ${status}`);
  }
}

/** The body of a successful answer; a refusal becomes an AppError quoting Jira's first error message. */
export async function jiraReply(response: JiraResponse, what: string): Promise<unknown> {
  if (response.status >= 500 || response.status === 429) throw new JiraUnavailableError(response.status);
  if (!response.ok) {
    // The platform API sends messages as strings; the development information API as `{ message }`.
    const body = (await response.json().catch(() => ({}))) as { errorMessages?: Array<string | { message?: string }>; errors?: Record<string, string> };
    const first = body.errorMessages?.[0];
    const reason = (typeof first === 'object' && first !== null ? first.message : first) ?? Object.values(body.errors ?? {})[0];
    throw new AppError('jira_error', `${what}: Jira answered ${response.status}${reason ? ` (${String(reason).slice(0, 300)})` : ''}.`);
  }
  return response.status === 204 ? undefined : response.json().catch(() => undefined);
}
