import type { JiraResponse } from '../../src/ports/jira';

/** A Jira answer for fake clients in tests. */
export function jiraResponse(status: number, body: unknown = undefined, headers: Record<string, string> = {}): JiraResponse {
  const text = body === undefined ? '' : JSON.stringify(body);
  const named = new Map(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  return {
    status,
    ok: status >= 200 && status < 300,
    headers: { get: (name) => named.get(name.toLowerCase()) ?? null },
    json: async () => JSON.parse(text) as unknown,
    text: async () => text,
  };
}
