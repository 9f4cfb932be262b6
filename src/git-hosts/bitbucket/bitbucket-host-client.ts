import { AppError } from '../../errors/app-error';
import type { Clock } from '../../ports/clock';
import type { HttpFetch } from '../../ports/http';
import type { CommitData, PullRequestData, ReviewerList } from '../dev-event';
import { type GitHostClient, type OAuthClient, type RemoteBranch, type RemoteRepository } from '../git-host-client';
import { safeHttpUrl, withoutTrailingSlashes } from '../../urls/http-url';
import { BITBUCKET_WEBHOOK_EVENTS, bitbucketReviewers, parseRawAuthor } from './bitbucket-webhook-normaliser';
import { bitbucketParticipants } from './bitbucket-webhook-schemas';
import { providerRequest } from '../provider-http';
import { nullIfNotFound } from '../not-found';
import { oauthTokenRequest } from '../oauth-token-request';
import { bitbucketLatestBuilds } from './bitbucket-build-reads';

interface BitbucketCommit {
  hash: string;
  message: string;
  date: string;
  author: { raw?: string; user?: { display_name?: string } };
  links: { html: { href: string } };
}

interface BitbucketRepository {
  uuid: string;
  full_name: string;
  links: { html: { href: string } };
  workspace?: { slug?: string };
}

const UUID = /^\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}$/i;
const WORKSPACE = /^[A-Za-z0-9_.-]{1,100}$/;

/** The reviewers a listed pull request's participants name, checked as a webhook's are; nothing when it has none to read. */
function reviewersOf(participants: unknown): { reviewers?: ReviewerList } {
  const reviewers = bitbucketReviewers(bitbucketParticipants.parse(participants));
  return reviewers ? { reviewers } : {};
}

export function bitbucketHostClient(fetch: HttpFetch, clock: Clock, endpoints: { web: string; api: string }): GitHostClient {
  const hostName = 'Bitbucket Cloud';
  const api = withoutTrailingSlashes(endpoints.api);
  const web = withoutTrailingSlashes(endpoints.web);
  /** Every URL in an answer passes the app's one check; one that fails becomes '' (no link). */
  const link = (url: string | undefined) => safeHttpUrl(url) ?? '';
  const repoPath = (repository: RemoteRepository) => repository.fullName.split('/').map(encodeURIComponent).join('/');

  const tokenRequest = (client: OAuthClient, form: Record<string, string>) =>
    oauthTokenRequest(
      fetch,
      clock,
      hostName,
      `${web}/site/oauth2/access_token`,
      { form, basic: { user: client.clientId, password: client.clientSecret } },
      `Bitbucket rejected the OAuth key or secret, or the grant. Check the consumer's key and secret under your workspace settings → OAuth consumers at ${web}.`,
    );

  const page = async <T, R>(token: string, firstUrl: string, cursor: string | null, map: (item: T) => R) => {
    if (cursor && !cursor.startsWith(`${api}/`)) throw new AppError('invalid_input', 'A stored sync cursor points outside this host; the sync starts again.');
    const response = await providerRequest<{ values?: T[]; next?: string }>(fetch, hostName, cursor ?? firstUrl, { token });
    return { items: (response.body?.values ?? []).map(map), next: response.body?.next ?? null };
  };

  const toCommit = (item: BitbucketCommit): CommitData => {
    const author = parseRawAuthor(item.author.raw);
    return {
      sha: item.hash,
      message: item.message,
      authorName: author.name || item.author.user?.display_name || '',
      authorEmail: author.email,
      authoredAt: Date.parse(item.date) || 0,
      url: link(item.links?.html?.href),
      filesChanged: null,
    };
  };

  return {
    hostName,
    async defaultBranch(token, repository) {
      const response = await providerRequest<{ mainbranch?: { name?: string } }>(fetch, hostName, `${api}/repositories/${repoPath(repository)}`, { token });
      return response.body?.mainbranch?.name ?? 'main';
    },
    commits: (token, repository, branch, cursor) => page(token, `${api}/repositories/${repoPath(repository)}/commits/${encodeURIComponent(branch)}?pagelen=100`, cursor, toCommit),
    latestBuilds: (token, repository, sha) => bitbucketLatestBuilds(fetch, hostName, api, token, repository, sha),
    commitsBetween: (token, repository, before, head, cursor) =>
      page(token, `${api}/repositories/${repoPath(repository)}/commits/${encodeURIComponent(head)}?exclude=${encodeURIComponent(before)}&pagelen=100`, cursor, toCommit),
    branches: (token, repository, cursor) =>
      page<{ name: string; target: { hash: string }; links?: { html?: { href: string } } }, RemoteBranch>(
        token,
        `${api}/repositories/${repoPath(repository)}/refs/branches?pagelen=100`,
        cursor,
        (item) => ({
          name: item.name,
          headSha: item.target.hash,
          url: link(item.links?.html?.href) || link(`${repository.url}/branch/${item.name}`),
        }),
      ),
    // A list leaves out each pull request's participants (its reviewers) unless `fields` asks for them.
    pullRequests: (token, repository, cursor) =>
      page<
        {
          id: number;
          title: string;
          state: string;
          updated_on: string;
          author?: { display_name?: string } | null;
          source: { branch: { name: string } };
          destination: { branch: { name: string } };
          links: { html: { href: string } };
          participants?: unknown;
        },
        PullRequestData
      >(
        token,
        `${api}/repositories/${repoPath(repository)}/pullrequests?state=OPEN&state=MERGED&state=DECLINED&state=SUPERSEDED&pagelen=50&fields=%2Bvalues.participants`,
        cursor,
        (item) => ({
          number: item.id,
          title: item.title,
          state: item.state === 'OPEN' ? 'OPEN' : item.state === 'MERGED' ? 'MERGED' : 'DECLINED',
          sourceBranch: item.source.branch.name,
          destinationBranch: item.destination.branch.name,
          authorName: item.author?.display_name ?? '',
          updatedAt: Date.parse(item.updated_on) || 0,
          url: link(item.links?.html?.href),
          ...reviewersOf(item.participants),
        }),
      ),
    async commit(token, repository, sha) {
      const response = await nullIfNotFound(() =>
        providerRequest<BitbucketCommit>(fetch, hostName, `${api}/repositories/${repoPath(repository)}/commit/${encodeURIComponent(sha)}`, { token }),
      );
      return response ? toCommit(response.body) : null;
    },
    // Bitbucket's commit lists carry no total; progress is shown without an estimate.
    estimateCommits: async () => null,
    async verify(token, accountName) {
      await this.listRepositories(token, accountName, null);
      return { identity: accountName };
    },
    async ownedRepository(token, accountName, repository) {
      if (!UUID.test(repository.providerRepoId) || !WORKSPACE.test(accountName)) return null;
      // The repository by its UUID, inside the account's workspace: one that lives elsewhere is not found.
      const response = await nullIfNotFound(() =>
        providerRequest<BitbucketRepository>(fetch, hostName, `${api}/repositories/${encodeURIComponent(accountName)}/${encodeURIComponent(repository.providerRepoId)}`, {
          token,
        }),
      );
      const found = response?.body;
      if (!found || found.uuid?.toLowerCase() !== repository.providerRepoId.toLowerCase()) return null;
      if (found.workspace?.slug !== undefined && found.workspace.slug.toLowerCase() !== accountName.toLowerCase()) return null;
      return { providerRepoId: found.uuid, fullName: found.full_name, url: link(found.links?.html?.href) };
    },
    async listRepositories(token, accountName, cursor) {
      if (cursor && !cursor.startsWith(`${api}/`)) throw new AppError('invalid_input', 'This repository list is out of date. Reload the page.');
      const url = cursor ?? `${api}/repositories/${encodeURIComponent(accountName)}?pagelen=100&sort=full_name`;
      const response = await providerRequest<{ values?: BitbucketRepository[]; next?: string }>(fetch, hostName, url, { token });
      return {
        repositories: (response.body?.values ?? []).map((repository) => ({
          providerRepoId: repository.uuid,
          fullName: repository.full_name,
          url: link(repository.links?.html?.href),
        })),
        next: response.body?.next ?? null,
      };
    },
    async createBranch(token, repository, name, from) {
      // Bitbucket resolves a branch name given as the target hash.
      const created = await providerRequest<{ name: string; target: { hash: string }; links?: { html?: { href?: string } } }>(
        fetch,
        hostName,
        `${api}/repositories/${repoPath(repository)}/refs/branches`,
        {
          method: 'POST',
          token,
          json: { name, target: { hash: from } },
        },
      );
      if (typeof created.body?.target?.hash !== 'string')
        throw new AppError('provider_error', `${hostName} answered the new branch in a form this app does not understand. Check the branch on ${hostName}.`);
      return {
        name: created.body.name,
        headSha: created.body.target.hash,
        url: link(created.body.links?.html?.href) || link(`${repository.url}/branch/${encodeURIComponent(name)}`),
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
          events: BITBUCKET_WEBHOOK_EVENTS,
        },
      });
      return response.body.uuid;
    },
    async updateWebhook(token, repository, webhookId, hook) {
      await providerRequest(fetch, hostName, `${api}/repositories/${repoPath(repository)}/hooks/${encodeURIComponent(webhookId)}`, {
        method: 'PUT',
        token,
        json: { description: 'Jira DVCS Link', url: hook.url, active: true, secret: hook.secret, events: BITBUCKET_WEBHOOK_EVENTS },
      });
    },
    async deleteWebhook(token, repository, webhookId) {
      await nullIfNotFound(() =>
        providerRequest(fetch, hostName, `${api}/repositories/${repoPath(repository)}/hooks/${encodeURIComponent(webhookId)}`, { method: 'DELETE', token }),
      );
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
