import { asApp, asUser, assumeTrustedRoute } from '@forge/api';
import type { Jira, JiraClient, JiraRequestInit } from '../ports/jira';

type ProductRequester = { requestJira: (route: ReturnType<typeof assumeTrustedRoute>, init?: any) => Promise<any> };

function clientOf(requester: () => ProductRequester): JiraClient {
  return {
    async request(path: string, init: JiraRequestInit = {}) {
      // Paths come from `jiraPath`, which encodes every interpolated value, so the route can be trusted.
      const response = await requester().requestJira(assumeTrustedRoute(path), {
        method: init.method ?? 'GET',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      return {
        status: response.status,
        ok: response.ok,
        json: () => response.json(),
        text: () => response.text(),
      };
    },
  };
}

export const forgeJira: Jira = {
  asUser: () => clientOf(() => asUser()),
  asApp: () => clientOf(() => asApp()),
};
