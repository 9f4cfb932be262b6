import { AppError } from '../../errors/app-error';
import type { Clock } from '../../ports/clock';
import type { HttpFetch } from '../../ports/http';
import { credentialsFrom, type Credentials, type GitHostClient, type OAuthClient, type RemoteRepository } from '../git-host-client';
import { providerRequest } from '../provider-http';

interface BitbucketRepository {
  uuid: string;
  full_name: string;
  links: { html: { href: string } };
}

export function bitbucketHostClient(fetch: HttpFetch, clock: Clock, endpoints: { web: string; api: string }): GitHostClient {
  const hostName = 'Bitbucket Cloud';
  const api = endpoints.api.replace(/\/+$/, '');
  const web = endpoints.web.replace(/\/+$/, '');
  const repoPath = (repository: RemoteRepository) => repository.fullName.split('/').map(encodeURIComponent).join('/');

  const tokenRequest = async (client: OAuthClient, form: Record<string, string>): Promise<Credentials> => {
    try {
      const response = await providerRequest<Record<string, unknown>>(fetch, hostName, `${web}/site/oauth2/access_token`, {
        method: 'POST',
        basic: { user: client.clientId, password: client.clientSecret },
        form,
      });
      const credentials = credentialsFrom(response.body ?? {}, clock.now());
      if (!credentials) throw new AppError('oauth_failed', 'Bitbucket did not issue an access token.');
      return credentials;
    } catch (error) {
      if (error instanceof AppError && (error.code === 'provider_invalid_credentials' || error.code === 'provider_error' || error.code === 'provider_forbidden')) {
        throw new AppError(
          'oauth_failed',
          `Bitbucket rejected the OAuth key or secret, or the grant. Check the consumer's key and secret under your workspace settings → OAuth consumers at ${web}.`,
          { externalMessage: error.externalMessage, cause: error },
        );
      }
      throw error;
    }
  };

  return {
    hostName,
    async verify(token, accountName) {
      await this.listRepositories(token, accountName, null);
      return { identity: accountName };
    },
    async listRepositories(token, accountName, cursor) {
      if (cursor && !cursor.startsWith(`${api}/`)) throw new AppError('invalid_input', 'This repository list is out of date. Reload the page.');
      const url = cursor ?? `${api}/repositories/${encodeURIComponent(accountName)}?pagelen=100&sort=full_name`;
      const response = await providerRequest<{ values?: BitbucketRepository[]; next?: string }>(fetch, hostName, url, { token });
      return {
        repositories: (response.body?.values ?? []).map((repository) => ({ providerRepoId: repository.uuid, fullName: repository.full_name, url: repository.links.html.href })),
        next: response.body?.next ?? null,
      };
    },
    async createWebhook(token, repository, hook) {
      const response = await providerRequest<{ uuid: string }>(fetch, hostName, `${api}/repositories/${repoPath(repository)}/hooks`, {
        method: 'POST',
        token,
        json: {
          description: 'Jira DVCS Link',
          url: hook.url,
          active: true,
          secret: hook.secret,
          events: ['repo:push', 'pullrequest:created', 'pullrequest:updated', 'pullrequest:fulfilled', 'pullrequest:rejected'],
        },
      });
      return response.body.uuid;
    },
    async deleteWebhook(token, repository, webhookId) {
      try {
        await providerRequest(fetch, hostName, `${api}/repositories/${repoPath(repository)}/hooks/${encodeURIComponent(webhookId)}`, { method: 'DELETE', token });
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'provider_not_found')) throw error;
      }
    },
    authoriseUrl(client, _redirectUri, state) {
      // Bitbucket sends the user back to the consumer's registered callback URL.
      return `${web}/site/oauth2/authorize?${new URLSearchParams({ client_id: client.clientId, response_type: 'code', state }).toString()}`;
    },
    exchangeCode: (client, code) => tokenRequest(client, { grant_type: 'authorization_code', code }),
    refresh: (client, refreshToken) => tokenRequest(client, { grant_type: 'refresh_token', refresh_token: refreshToken }),
    clientCredentials: (client) => tokenRequest(client, { grant_type: 'client_credentials' }),
  };
}
