import type { HttpFetch } from '../ports/http';
import type { GitHostClient, RemoteRepository } from './git-host-client';
import { nullIfNotFound } from './not-found';
import { providerRequest } from './provider-http';

type WebhookSpec = { url: string; secret: string };

/**
 * Webhooks of hosts that keep them as a plain REST collection under the repository (GitLab's `hooks`,
 * Bitbucket Data Center's `webhooks`): POST to add, PUT to change, DELETE to remove; a hook already gone is removed.
 */
export function restWebhooks(
  fetch: HttpFetch,
  hostName: string,
  collectionUrl: (repository: RemoteRepository) => string,
  body: (hook: WebhookSpec) => unknown,
): Pick<GitHostClient, 'createWebhook' | 'updateWebhook' | 'deleteWebhook'> {
  const hookUrl = (repository: RemoteRepository, webhookId: string) => `${collectionUrl(repository)}/${encodeURIComponent(webhookId)}`;
  return {
    async createWebhook(token, repository, hook) {
      const response = await providerRequest<{ id: number }>(fetch, hostName, collectionUrl(repository), { method: 'POST', token, json: body(hook) });
      return String(response.body.id);
    },
    async updateWebhook(token, repository, webhookId, hook) {
      await providerRequest(fetch, hostName, hookUrl(repository, webhookId), { method: 'PUT', token, json: body(hook) });
    },
    async deleteWebhook(token, repository, webhookId) {
      await nullIfNotFound(() => providerRequest(fetch, hostName, hookUrl(repository, webhookId), { method: 'DELETE', token }));
    },
  };
}
