import { AppError } from '../../errors/app-error';
import type { Clock } from '../../ports/clock';
import type { HttpFetch } from '../../ports/http';
import type { CommitData, PullRequestData } from '../dev-event';
import { type GitHostClient, type OAuthClient, type RemoteBranch, type RemoteRepository } from '../git-host-client';
import { safeHttpUrl, withoutTrailingSlashes } from '../../urls/http-url';
import { nullIfNotFound } from '../not-found';
import { oauthTokenRequest } from '../oauth-token-request';
import { providerRequest } from '../provider-http';
import { restWebhooks } from '../rest-webhooks';
import { bitbucketDcLatestBuilds } from './bitbucket-dc-build-reads';
import { dcBranchUrl, dcCommitUrl } from './bitbucket-dc-webhook-normaliser';

/** A page of a REST 1.0 list ("Paged APIs" in Bitbucket Data Center's REST documentation). */
interface DcPage<T> {
  values?: T[];
  isLastPage?: boolean;
  nextPageStart?: number | null;
}

interface DcCommit {
  id: string;
  message: string;
  author?: { name?: string | null; displayName?: string | null; emailAddress?: string | null } | null;
  authorTimestamp?: number | null;
}

interface DcRepository {
  id: number;
  slug: string;
  project: { key: string };
  links?: { self?: Array<{ href?: string }> };
}

interface DcPullRequest {
  id: number;
  title: string;
  state: 'OPEN' | 'MERGED' | 'DECLINED';
  updatedDate: number;
  author?: { user?: { displayName?: string | null; name?: string | null } | null } | null;
  fromRef: { displayId: string };
  toRef: { displayId: string };
  links?: { self?: Array<{ href?: string }> };
}

/** The events of a webhook the app adds (Bitbucket Data Center "Event payload"). */
const WEBHOOK_EVENTS = ['repo:refs_changed', 'pr:opened', 'pr:from_ref_updated', 'pr:modified', 'pr:merged', 'pr:declined', 'pr:deleted'];
/** A project key as Bitbucket Data Center allows it; the account is a project. */
const PROJECT_KEY = /^[A-Za-z0-9_]{1,128}$/;
const SLUG = /^[A-Za-z0-9_.-]{1,255}$/;
const PAGE_SIZE = 100;

/**
 * Bitbucket Data Center's REST API 1.0 (`/rest/api/1.0`), paged with `start`/`limit` (`isLastPage`,
 * `nextPageStart`); a cursor is the next page's URL on this API. Repositories are `PROJECT/slug`; an HTTP
 * access token or an OAuth 2.0 token is sent as `Authorization: Bearer`.
 */
export function bitbucketDcHostClient(fetch: HttpFetch, clock: Clock, endpoints: { web: string; api: string }, hostName = 'Bitbucket Data Center'): GitHostClient {
  const api = withoutTrailingSlashes(endpoints.api);
  const web = withoutTrailingSlashes(endpoints.web);
  const link = (url: string | null | undefined) => safeHttpUrl(url) ?? '';
  const repoPath = (repository: Pick<RemoteRepository, 'fullName'>) => {
    const [project = '', slug = '', ...rest] = repository.fullName.split('/');
    if (!PROJECT_KEY.test(project) || !SLUG.test(slug) || slug === '.' || slug === '..' || rest.length > 0)
      throw new AppError('provider_not_found', `${hostName} has no repository ${repository.fullName.slice(0, 100)}.`);
    return `${api}/projects/${encodeURIComponent(project)}/repos/${encodeURIComponent(slug)}`;
  };
  const repositoryWebUrl = (repository: DcRepository) =>
    link(repository.links?.self?.[0]?.href?.replace(/\/browse\/?$/, '')) || link(`${web}/projects/${repository.project.key}/repos/${repository.slug}`);
  const toRepository = (repository: DcRepository): RemoteRepository => ({
    providerRepoId: String(repository.id),
    fullName: `${repository.project.key}/${repository.slug}`,
    url: repositoryWebUrl(repository),
  });

  /** One page: the next page's URL repeats this one's with `start` moved on, or null on the last. */
  const page = async <T, R>(token: string, firstUrl: string, cursor: string | null, map: (item: T) => R) => {
    if (cursor && !cursor.startsWith(`${api}/`)) throw new AppError('invalid_input', 'A stored sync cursor points outside this host; the sync starts again.');
    const url = cursor ?? firstUrl;
    const response = await providerRequest<DcPage<T>>(fetch, hostName, url, { token });
    const body = response.body ?? {};
    if (body.values !== undefined && !Array.isArray(body.values)) throw new AppError('provider_error', `${hostName} answered a list request with something that is not a list.`);
    let next: string | null = null;
    if (body.isLastPage === false && typeof body.nextPageStart === 'number') {
      const following = new URL(url);
      following.searchParams.set('start', String(body.nextPageStart));
      next = following.toString();
    }
    return { items: (body.values ?? []).map(map), next };
  };

  const toCommit =
    (repositoryUrl: string) =>
    (item: DcCommit): CommitData => ({
      sha: item.id,
      message: item.message,
      authorName: item.author?.displayName ?? item.author?.name ?? '',
      authorEmail: item.author?.emailAddress ?? '',
      authoredAt: Number(item.authorTimestamp ?? 0) || 0,
      url: dcCommitUrl(repositoryUrl, item.id),
      filesChanged: null,
    });

  const tokenRequest = (form: Record<string, string>) =>
    oauthTokenRequest(
      fetch,
      clock,
      hostName,
      `${web}/rest/oauth2/latest/token`,
      { form },
      `${hostName} rejected the client id or secret, or the grant. Check the incoming application link (OAuth 2.0) under Administration → Application links at ${web}.`,
    );

  const hookBody = (hook: { url: string; secret: string }) => ({
    name: 'Jira DVCS Link',
    url: hook.url,
    active: true,
    events: WEBHOOK_EVENTS,
    configuration: { secret: hook.secret },
  });
  const query = (values: Record<string, string>) => new URLSearchParams({ ...values, limit: String(PAGE_SIZE) }).toString();

  return {
    hostName,
    async defaultBranch(token, repository) {
      // An empty repository has no default branch yet.
      const response = await nullIfNotFound(() => providerRequest<{ displayId?: string }>(fetch, hostName, `${repoPath(repository)}/branches/default`, { token }));
      return response?.body?.displayId ?? 'master';
    },
    commits: async (token, repository, branch, cursor) =>
      page<DcCommit, CommitData>(token, `${repoPath(repository)}/commits?${query({ until: branch })}`, cursor, toCommit(repository.url)),
    commitsBetween: async (token, repository, before, head, cursor) =>
      page<DcCommit, CommitData>(token, `${repoPath(repository)}/commits?${query({ since: before, until: head })}`, cursor, toCommit(repository.url)),
    async commit(token, repository, sha) {
      const response = await nullIfNotFound(() => providerRequest<DcCommit>(fetch, hostName, `${repoPath(repository)}/commits/${encodeURIComponent(sha)}`, { token }));
      return response ? toCommit(repository.url)(response.body) : null;
    },
    // The commit lists carry no total; progress is shown without an estimate.
    estimateCommits: async () => null,
    branches: async (token, repository, cursor) =>
      page<{ displayId: string; latestCommit: string }, RemoteBranch>(token, `${repoPath(repository)}/branches?${query({})}`, cursor, (item) => ({
        name: item.displayId,
        headSha: item.latestCommit,
        url: dcBranchUrl(repository.url, item.displayId),
      })),
    // Bitbucket Data Center sends no webhook for build statuses: the hourly reconciliation reads them here.
    latestBuilds: (token, repository, sha, branch) => bitbucketDcLatestBuilds(fetch, hostName, web, token, repository, sha, branch),
    pullRequests: async (token, repository, cursor) =>
      page<DcPullRequest, PullRequestData>(token, `${repoPath(repository)}/pull-requests?${query({ state: 'ALL', order: 'NEWEST' })}`, cursor, (item) => ({
        number: item.id,
        title: item.title,
        state: item.state,
        sourceBranch: item.fromRef.displayId,
        destinationBranch: item.toRef.displayId,
        authorName: item.author?.user?.displayName ?? item.author?.user?.name ?? '',
        updatedAt: Number(item.updatedDate) || 0,
        url: link(item.links?.self?.[0]?.href),
      })),
    async verify(token, accountName) {
      if (!PROJECT_KEY.test(accountName)) throw new AppError('invalid_input', `${accountName.slice(0, 100)} is not a Bitbucket Data Center project key.`);
      // The token must read the project: a project's or repository's HTTP access token, or a user's.
      await providerRequest(fetch, hostName, `${api}/projects/${encodeURIComponent(accountName)}/repos?limit=1`, { token });
      return { identity: accountName };
    },
    async listRepositories(token, accountName, cursor) {
      if (!PROJECT_KEY.test(accountName)) throw new AppError('invalid_input', `${accountName.slice(0, 100)} is not a Bitbucket Data Center project key.`);
      const result = await page<DcRepository, RemoteRepository>(token, `${api}/projects/${encodeURIComponent(accountName)}/repos?${query({})}`, cursor, toRepository);
      return { repositories: result.items, next: result.next };
    },
    async ownedRepository(token, accountName, repository) {
      if (!PROJECT_KEY.test(accountName)) return null;
      const found = (await nullIfNotFound(() => providerRequest<DcRepository>(fetch, hostName, repoPath(repository), { token })))?.body;
      if (!found || String(found.id) !== repository.providerRepoId || found.project?.key?.toLowerCase() !== accountName.toLowerCase()) return null;
      return toRepository(found);
    },
    ...restWebhooks(fetch, hostName, (repository) => `${repoPath(repository)}/webhooks`, hookBody),
    async createBranch(token, repository, name, from) {
      const created = await providerRequest<{ displayId?: string; latestCommit?: string }>(fetch, hostName, `${repoPath(repository)}/branches`, {
        method: 'POST',
        token,
        json: { name, startPoint: from },
      });
      if (typeof created.body?.latestCommit !== 'string')
        throw new AppError('provider_error', `${hostName} answered the new branch in a form this app does not understand. Check the branch on ${hostName}.`);
      return { name: created.body.displayId ?? name, headSha: created.body.latestCommit, url: dcBranchUrl(repository.url, name) };
    },
    authoriseUrl(client, redirectUri, state) {
      const parameters = new URLSearchParams({ client_id: client.clientId, redirect_uri: redirectUri, response_type: 'code', state, scope: 'REPO_ADMIN' });
      return `${web}/rest/oauth2/latest/authorize?${parameters.toString()}`;
    },
    exchangeCode: (client: OAuthClient, code, redirectUri) =>
      tokenRequest({ client_id: client.clientId, client_secret: client.clientSecret, code, grant_type: 'authorization_code', redirect_uri: redirectUri }),
    refresh: (client: OAuthClient, refreshToken) =>
      tokenRequest({ client_id: client.clientId, client_secret: client.clientSecret, refresh_token: refreshToken, grant_type: 'refresh_token' }),
  };
}
