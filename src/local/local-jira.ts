import type { Jira, JiraClient } from '../ports/jira';
import { currentInvocation } from './invocation-scope';

/** A Jira that answers in-process, like the sandbox's: who asks is a user's account id or the app itself. */
export type JiraPrincipal = { kind: 'user'; accountId: string | undefined } | { kind: 'app' };

export type JiraRequestHandler = (request: {
  principal: JiraPrincipal;
  method: string;
  path: string;
  body: unknown;
}) => Promise<{ status: number; body: unknown; headers?: Record<string, string> }>;

export function localJira(handle: JiraRequestHandler): Jira {
  const client = (principal: () => JiraPrincipal): JiraClient => ({
    async requestJira(endpoint, init = {}) {
      const answer = await handle({ principal: principal(), method: init.method ?? 'GET', path: endpoint.path, body: init.body });
      const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
      const headers = new Map(Object.entries(answer.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
      return {
        status: answer.status,
        ok: answer.status >= 200 && answer.status < 300,
        headers: { get: (name: string) => headers.get(name.toLowerCase()) ?? null },
        json: async () => JSON.parse(text) as unknown,
        text: async () => text,
      };
    },
  });
  return {
    asUser: (accountId?: string) => client(() => ({ kind: 'user', accountId: accountId ?? currentInvocation().accountId })),
    asApp: () => client(() => ({ kind: 'app' })),
  };
}
