import { AppError } from '../../errors/app-error';
import type { Clock } from '../../ports/clock';
import type { HttpFetch } from '../../ports/http';
import type { CommitData, PullRequestData } from '../dev-event';
import { type GitHostClient, type OAuthClient, type RemoteBranch, type RemoteRepository } from '../git-host-client';
import { safeHttpUrl, withoutTrailingSlashes } from '../../urls/http-url';
import { nextLink } from '../link-header';
import { nullIfNotFound } from '../not-found';
import { oauthTokenRequest } from '../oauth-token-request';
import { providerRequest, type ProviderResponse } from '../provider-http';
import { restWebhooks } from '../rest-webhooks';
import { gitlabLatestBuilds } from './gitlab-build-reads';
import { gitlabBranchUrl, gitlabPullRequestState } from './gitlab-webhook-normaliser';

/** The OAuth scope the app asks for: the API, which includes adding project hooks. */
const GITLAB_SCOPES = ['api'];

/** A commit as GitLab's v4 API lists it (docs.gitlab.com "Commits API"). */
interface GitlabCommit {
  id: string;
  message: string;
  author_name?: string | null;
  author_email?: string | null;
  authored_date?: string | null;
  web_url?: string | null;
}

/** A project (docs.gitlab.com "Projects API"); `namespace.full_path` is its group, subgroup or user. */
interface GitlabProject {
  id: number;
  path_with_namespace: string;
  web_url: string;
  default_branch?: string | null;
  namespace?: { full_path?: string | null } | null;
  statistics?: { commit_count?: number | null } | null;
}

interface GitlabMergeRequest {
  iid: number;
  title: string;
  state: 'opened' | 'closed' | 'merged' | 'locked';
  source_branch: string;
  target_branch: string;
  updated_at: string;
  web_url: string;
  author?: { name?: string | null; username?: string | null } | null;
}

/** A group or user path as GitLab allows it, subgroups included (`acme/platform/team`). */
const NAMESPACE_PATH = /^[A-Za-z0-9_.-]{1,255}(\/[A-Za-z0-9_.-]{1,255}){0,20}$/;
const PROJECT_ID = /^[1-9][0-9]{0,18}$/;

/**
 * GitLab's REST API v4, on gitlab.com or a self-managed server. Every project is addressed by its numeric id
 * (never by its path, which a rename changes), and every token (personal, group or project access token, or
 * OAuth) is sent as `Authorization: Bearer`, which GitLab accepts for all of them.
 */
export function gitlabHostClient(fetch: HttpFetch, clock: Clock, endpoints: { web: string; api: string }, hostName = 'GitLab'): GitHostClient {
  const api = withoutTrailingSlashes(endpoints.api);
  const web = withoutTrailingSlashes(endpoints.web);
  const link = (url: string | null | undefined) => safeHttpUrl(url) ?? '';
  const projectPath = (repository: Pick<RemoteRepository, 'providerRepoId'>) => {
    if (!PROJECT_ID.test(repository.providerRepoId)) throw new AppError('provider_not_found', `${hostName} has no project ${repository.providerRepoId.slice(0, 40)}.`);
    return `${api}/projects/${repository.providerRepoId}`;
  };

  /** GitLab pages with a `Link` header (and `X-Next-Page`); a cursor is the next page's URL on this API. */
  const nextOf = (response: ProviderResponse) => nextLink(response.headers.get('link'));
  const page = async <T, R>(token: string, firstUrl: string, cursor: string | null, map: (item: T) => R) => {
    if (cursor && !cursor.startsWith(`${api}/`)) throw new AppError('invalid_input', 'A stored sync cursor points outside this host; the sync starts again.');
    const response = await providerRequest<unknown>(fetch, hostName, cursor ?? firstUrl, { token });
    if (response.body !== undefined && response.body !== null && !Array.isArray(response.body))
      throw new AppError('provider_error', `${hostName} answered a list request with something that is not a list.`);
    return { items: ((response.body ?? []) as T[]).map(map), next: nextOf(response) };
  };

  const toCommit = (item: GitlabCommit): CommitData => ({
    sha: item.id,
    message: item.message,
    authorName: item.author_name ?? '',
    authorEmail: item.author_email ?? '',
    authoredAt: Date.parse(item.authored_date ?? '') || 0,
    url: link(item.web_url),
    filesChanged: null,
  });
  const toRepository = (project: GitlabProject): RemoteRepository => ({ providerRepoId: String(project.id), fullName: project.path_with_namespace, url: link(project.web_url) });
  const toPullRequest = (item: GitlabMergeRequest): PullRequestData => ({
    number: item.iid,
    title: item.title,
    state: gitlabPullRequestState(item.state),
    sourceBranch: item.source_branch,
    destinationBranch: item.target_branch,
    authorName: item.author?.name ?? item.author?.username ?? '',
    updatedAt: Date.parse(item.updated_at) || 0,
    url: link(item.web_url),
  });

  // GitLab (Doorkeeper) answers a bad client or code with 400/401 and an `error` field.
  const tokenRequest = (form: Record<string, string>) =>
    oauthTokenRequest(
      fetch,
      clock,
      hostName,
      `${web}/oauth/token`,
      { form },
      `${hostName} rejected the OAuth application id or secret, or the grant. Check the application under ${web}/-/user_settings/applications (or the group's or instance's Applications), and that its callback URL is the one shown in Jira.`,
    );

  /** The namespace a path names: a group (subgroups included) or a user; null when the token cannot see it. */
  const namespaceOf = async (token: string, accountName: string): Promise<{ kind: 'group' | 'user'; id: number; path: string } | null> => {
    const found = (
      await nullIfNotFound(() =>
        providerRequest<{ id: number; kind: 'group' | 'user'; full_path: string }>(fetch, hostName, `${api}/namespaces/${encodeURIComponent(accountName)}`, { token }),
      )
    )?.body;
    return found ? { kind: found.kind, id: found.id, path: found.full_path } : null;
  };

  const hookBody = (hook: { url: string; secret: string }) => ({
    url: hook.url,
    token: hook.secret,
    push_events: true,
    tag_push_events: true,
    merge_requests_events: true,
    pipeline_events: true,
    deployment_events: true,
    enable_ssl_verification: true,
  });

  return {
    hostName,
    async defaultBranch(token, repository) {
      const response = await providerRequest<GitlabProject>(fetch, hostName, projectPath(repository), { token });
      return response.body?.default_branch ?? 'main';
    },
    commits: async (token, repository, branch, cursor) =>
      page<GitlabCommit, CommitData>(
        token,
        `${projectPath(repository)}/repository/commits?${new URLSearchParams({ ref_name: branch, per_page: '100' }).toString()}`,
        cursor,
        toCommit,
      ),
    // A revision range as `ref_name`: the commits reachable from `head` and not from `before`, as `git log before..head`.
    commitsBetween: async (token, repository, before, head, cursor) =>
      page<GitlabCommit, CommitData>(
        token,
        `${projectPath(repository)}/repository/commits?${new URLSearchParams({ ref_name: `${before}..${head}`, per_page: '100' }).toString()}`,
        cursor,
        toCommit,
      ),
    async commit(token, repository, sha) {
      const response = await nullIfNotFound(() =>
        providerRequest<GitlabCommit>(fetch, hostName, `${projectPath(repository)}/repository/commits/${encodeURIComponent(sha)}`, { token }),
      );
      return response ? toCommit(response.body) : null;
    },
    async estimateCommits(token, repository) {
      // The project's statistics count the default branch's commits (what the backfill reads) without
      // spending a commit-list request; they need the Reporter role, and are absent otherwise.
      try {
        const response = await providerRequest<GitlabProject>(fetch, hostName, `${projectPath(repository)}?statistics=true`, { token });
        const count = response.body?.statistics?.commit_count;
        return typeof count === 'number' && count >= 0 ? count : null;
      } catch (error) {
        if (error instanceof AppError && (error.code === 'provider_forbidden' || error.code === 'provider_not_found')) return null;
        throw error;
      }
    },
    branches: async (token, repository, cursor) =>
      page<{ name: string; commit: { id: string }; web_url?: string | null }, RemoteBranch>(
        token,
        `${projectPath(repository)}/repository/branches?per_page=100`,
        cursor,
        (item) => ({
          name: item.name,
          headSha: item.commit.id,
          url: link(item.web_url) || gitlabBranchUrl(repository.url, item.name),
        }),
      ),
    latestBuilds: (token, repository, sha, branch) => gitlabLatestBuilds(fetch, hostName, projectPath(repository), token, repository, sha, branch),
    pullRequests: async (token, repository, cursor) =>
      page<GitlabMergeRequest, PullRequestData>(token, `${projectPath(repository)}/merge_requests?state=all&order_by=updated_at&sort=desc&per_page=100`, cursor, toPullRequest),
    async verify(token, accountName) {
      const user = await providerRequest<{ username?: string }>(fetch, hostName, `${api}/user`, { token });
      const username = user.body?.username ?? '';
      if (username.toLowerCase() === accountName.toLowerCase()) return { identity: username };
      // A group (or project) access token acts as a bot user; any token is accepted for a group it can read.
      const namespace = NAMESPACE_PATH.test(accountName) ? await namespaceOf(token, accountName) : null;
      if (namespace?.kind === 'group' && namespace.path.toLowerCase() === accountName.toLowerCase()) return { identity: username || accountName };
      throw new AppError(
        'provider_forbidden',
        `The token belongs to ${username || 'another user'}, who cannot read ${accountName} on ${hostName}: ${accountName} is not ${username || 'them'}, and not a group they can see. Use a token of ${accountName}, a group access token of it, or a token of a member of the ${accountName} group.`,
      );
    },
    async listRepositories(token, accountName, cursor) {
      if (cursor && !cursor.startsWith(`${api}/`)) throw new AppError('invalid_input', 'This repository list is out of date. Reload the page.');
      let url = cursor;
      if (!url) {
        if (!NAMESPACE_PATH.test(accountName)) throw new AppError('invalid_input', `${accountName.slice(0, 100)} is not a GitLab group or user path.`);
        const namespace = await namespaceOf(token, accountName);
        if (!namespace) throw new AppError('provider_not_found', `${hostName} has no group or user ${accountName}, or the token cannot see it.`);
        url =
          namespace.kind === 'group'
            ? `${api}/groups/${namespace.id}/projects?include_subgroups=true&archived=false&order_by=path&sort=asc&per_page=100`
            : `${api}/users/${encodeURIComponent(accountName)}/projects?archived=false&order_by=path&sort=asc&per_page=100`;
      }
      const result = await page<GitlabProject, RemoteRepository>(token, url, null, toRepository);
      return { repositories: result.items, next: result.next };
    },
    async ownedRepository(token, accountName, repository) {
      if (!PROJECT_ID.test(repository.providerRepoId) || !NAMESPACE_PATH.test(accountName)) return null;
      const found = (await nullIfNotFound(() => providerRequest<GitlabProject>(fetch, hostName, projectPath(repository), { token })))?.body;
      if (!found) return null;
      const namespace = (found.namespace?.full_path ?? found.path_with_namespace?.split('/').slice(0, -1).join('/') ?? '').toLowerCase();
      const account = accountName.toLowerCase();
      // The account's own projects, and those of its subgroups.
      if (String(found.id) !== repository.providerRepoId || (namespace !== account && !namespace.startsWith(`${account}/`))) return null;
      return toRepository(found);
    },
    ...restWebhooks(fetch, hostName, (repository) => `${projectPath(repository)}/hooks`, hookBody),
    async createBranch(token, repository, name, from) {
      const created = await providerRequest<{ name?: string; commit?: { id?: string }; web_url?: string }>(
        fetch,
        hostName,
        `${projectPath(repository)}/repository/branches?${new URLSearchParams({ branch: name, ref: from }).toString()}`,
        { method: 'POST', token },
      );
      if (typeof created.body?.commit?.id !== 'string')
        throw new AppError('provider_error', `${hostName} answered the new branch in a form this app does not understand. Check the branch on ${hostName}.`);
      return { name: created.body.name ?? name, headSha: created.body.commit.id, url: link(created.body.web_url) || gitlabBranchUrl(repository.url, name) };
    },
    authoriseUrl(client, redirectUri, state) {
      const query = new URLSearchParams({ client_id: client.clientId, redirect_uri: redirectUri, response_type: 'code', state, scope: GITLAB_SCOPES.join(' ') });
      return `${web}/oauth/authorize?${query.toString()}`;
    },
    exchangeCode: (client: OAuthClient, code, redirectUri) =>
      tokenRequest({ client_id: client.clientId, client_secret: client.clientSecret, code, grant_type: 'authorization_code', redirect_uri: redirectUri }),
    refresh: (client: OAuthClient, refreshToken) =>
      tokenRequest({ client_id: client.clientId, client_secret: client.clientSecret, refresh_token: refreshToken, grant_type: 'refresh_token' }),
  };
}
