import { asApp, asUser, route as forgeRoute } from '@forge/api';
import type { Jira, JiraClient, JiraRequestInit, JiraRoute } from '../ports/jira';

type ProductRequester = ReturnType<typeof asApp>;

function clientOf(requester: () => ProductRequester): JiraClient {
  return {
    async requestJira(endpoint: JiraRoute, init: JiraRequestInit = {}) {
      // The call site's own template goes through Forge's `route`, which escapes each value as Forge does.
      const response = await requester().requestJira(forgeRoute(endpoint.template, ...endpoint.values), {
        method: init.method ?? 'GET',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        // Bulk writes answer 303 with the task to check in Location: read it rather than follow it.
        redirect: 'manual',
      });
      return {
        status: response.status,
        ok: response.ok,
        headers: { get: (name: string) => response.headers.get(name) },
        json: () => response.json(),
        text: () => response.text(),
      };
    },
  };
}

export const forgeJira: Jira = {
  asUser: (accountId?: string) => clientOf(() => asUser(accountId)),
  asApp: () => clientOf(() => asApp()),
};
