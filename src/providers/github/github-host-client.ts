import { AppError } from '../../errors/app-error';
import type { Clock } from '../../ports/clock';
import type { HttpFetch } from '../../ports/http';
import { credentialsFrom, type Credentials, type GitHostClient, type OAuthClient, type RemoteRepository } from '../git-host-client';
import { nextLink, providerRequest } from '../provider-http';

/** The scopes an OAuth app needs: read code and org membership, and manage repository webhooks. */
export const GITHUB_SCOPES = ['repo', 'read:org', 'admin:repo_hook'];

interface GithubRepository {
  id: number;
  full_name: string;
  html_url: string;
}

export function githubHostClient(fetch: HttpFetch, clock: Clock, endpoints: { web: string; api: string }, hostName = 'GitHub'): GitHostClient {
  const api = endpoints.api.replace(/\/+$/, '');
  const web = endpoints.web.replace(/\/+$/, '');
  const repoPath = (repository: RemoteRepository) => repository.fullName.split('/').map(encodeURIComponent).join('/');

  const tokenRequest = async (form: Record<string, string>): Promise<Credentials> => {
    const response = await providerRequest<Record<string, unknown>>(fetch, hostName, `${web}/login/oauth/access_token`, { method: 'POST', form });
    // GitHub answers a bad code or secret with 200 and an `error` field.
    const credentials = credentialsFrom(response.body ?? {}, clock.now());
    if (!credentials) {
      const error = String(response.body?.error ?? 'no access token');
      const message =
        error === 'incorrect_client_credentials'
          ? `${hostName} rejected the OAuth key or secret. Check the client id and secret of the OAuth app registered at ${web}/settings/developers.`
          : error === 'bad_verification_code'
            ? 'The authorisation expired or was already used. Start the authorisation again.'
            : error === 'redirect_uri_mismatch'
              ? `${hostName} says the callback URL does not match the OAuth app. Paste the callback URL shown in Jira into the OAuth app.`
              : `${hostName} did not issue a token (${error}).`;
      throw new AppError('oauth_failed', message, { externalMessage: `${error}: ${String(response.body?.error_description ?? '')}`.slice(0, 500) });
    }
    return credentials;
  };

  return {
    hostName,
    async verify(token) {
      const response = await providerRequest<{ login?: string }>(fetch, hostName, `${api}/user`, { token });
      return { identity: response.body?.login ?? 'unknown user' };
    },
    async listRepositories(token, accountName, cursor) {
      let url = cursor;
      if (url && !url.startsWith(`${api}/`)) throw new AppError('invalid_input', 'This repository list is out of date. Reload the page.');
      if (!url) {
        const { identity } = await this.verify(token, accountName);
        url =
          identity.toLowerCase() === accountName.toLowerCase()
            ? `${api}/user/repos?per_page=100&affiliation=owner&sort=full_name`
            : `${api}/orgs/${encodeURIComponent(accountName)}/repos?per_page=100&sort=full_name`;
      }
      const response = await providerRequest<GithubRepository[]>(fetch, hostName, url, { token });
      return {
        repositories: (response.body ?? []).map((repository) => ({ providerRepoId: String(repository.id), fullName: repository.full_name, url: repository.html_url })),
        next: nextLink(response.headers.get('link')),
      };
    },
    async createWebhook(token, repository, hook) {
      const response = await providerRequest<{ id: number }>(fetch, hostName, `${api}/repos/${repoPath(repository)}/hooks`, {
        method: 'POST',
        token,
        json: { name: 'web', active: true, events: ['push', 'create', 'delete', 'pull_request'], config: { url: hook.url, content_type: 'json', secret: hook.secret, insecure_ssl: '0' } },
      });
      return String(response.body.id);
    },
    async deleteWebhook(token, repository, webhookId) {
      try {
        await providerRequest(fetch, hostName, `${api}/repos/${repoPath(repository)}/hooks/${encodeURIComponent(webhookId)}`, { method: 'DELETE', token });
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'provider_not_found')) throw error;
      }
    },
    authoriseUrl(client, redirectUri, state) {
      const query = new URLSearchParams({ client_id: client.clientId, redirect_uri: redirectUri, scope: GITHUB_SCOPES.join(' '), state });
      return `${web}/login/oauth/authorize?${query.toString()}`;
    },
    exchangeCode: (client: OAuthClient, code, redirectUri) =>
      tokenRequest({ client_id: client.clientId, client_secret: client.clientSecret, code, redirect_uri: redirectUri }),
    refresh: (client: OAuthClient, refreshToken) =>
      tokenRequest({ client_id: client.clientId, client_secret: client.clientSecret, grant_type: 'refresh_token', refresh_token: refreshToken }),
  };
}
