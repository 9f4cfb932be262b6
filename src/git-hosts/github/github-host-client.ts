import { AppError } from '../../errors/app-error';
import type { Clock } from '../../ports/clock';
import type { HttpFetch } from '../../ports/http';
import type { CommitData, PullRequestData, Review } from '../dev-event';
import { credentialsFrom, type Credentials, type GitHostClient, type OAuthClient, type RemoteBranch, type RemoteRepository } from '../git-host-client';
import { safeHttpUrl, withoutTrailingSlashes } from '../../urls/http-url';
import { githubBranchUrl, githubRequestedReviewers, GITHUB_WEBHOOK_EVENTS } from './github-webhook-normaliser';
import { githubReviewState, reviewsThatCount } from '../reviews';
import { linkTarget, nextLink } from '../link-header';
import { providerRequest } from '../provider-http';
import { nullIfNotFound } from '../not-found';
import { githubLatestBuilds } from './github-build-reads';
import { githubCommitsInRange } from './github-compare';
import { githubCommitData, type GithubCommit } from './github-commit-data';

/** The scopes an OAuth app needs: read code and org membership, and manage repository webhooks. */
const GITHUB_SCOPES = ['repo', 'read:org', 'admin:repo_hook'];

interface GithubPull {
  number: number;
  title: string;
  state: 'open' | 'closed';
  merged_at: string | null;
  updated_at: string;
  html_url: string;
  user: { login: string } | null;
  head: { ref: string };
  base: { ref: string };
  requested_reviewers?: Array<{ login: string; id: number }> | null;
}

interface GithubReview {
  user: { login: string; id: number } | null;
  state: string;
  submitted_at?: string | null;
}

interface GithubRepository {
  id: number;
  full_name: string;
  html_url: string;
  owner?: { login?: string };
}

/** `owner/name` as GitHub allows them: the path it goes into can then hold nothing else. */
const FULL_NAME = /^[A-Za-z0-9_.-]{1,100}\/[A-Za-z0-9_.-]{1,100}$/;

export function githubHostClient(fetch: HttpFetch, clock: Clock, endpoints: { web: string; api: string }, hostName = 'GitHub'): GitHostClient {
  const api = withoutTrailingSlashes(endpoints.api);
  const web = withoutTrailingSlashes(endpoints.web);
  const repoPath = (repository: RemoteRepository) => repository.fullName.split('/').map(encodeURIComponent).join('/');

  const tokenRequest = async (form: Record<string, string>): Promise<Credentials> => {
    const response = await providerRequest<Record<string, unknown>>(fetch, hostName, `${web}/login/oauth/access_token`, { method: 'POST', form });
    // GitHub answers a bad code or secret with 200 and an `error` field.
    const credentials = credentialsFrom(response.body ?? {}, clock.now());
    if (!credentials) {
      const error = typeof response.body?.error === 'string' ? response.body.error : 'no access token';
      const message =
        error === 'incorrect_client_credentials'
          ? `${hostName} rejected the OAuth key or secret. Check the client id and secret of the OAuth app registered at ${web}/settings/developers.`
          : error === 'bad_verification_code'
            ? 'The authorisation expired or was already used. Start the authorisation again.'
            : error === 'redirect_uri_mismatch'
              ? `${hostName} says the callback URL does not match the OAuth app. Paste the callback URL shown in Jira into the OAuth app.`
              : `${hostName} did not issue a token (${error}).`;
      throw new AppError('oauth_failed', message, {
        externalMessage: `${error}: ${typeof response.body?.error_description === 'string' ? response.body.error_description : ''}`.slice(0, 500),
      });
    }
    return credentials;
  };

  /** One page of a list; `wrappedIn` names the field that holds the items where GitHub wraps them in an object. */
  const page = async <T, R>(token: string, firstUrl: string, cursor: string | null, map: (item: T) => R, wrappedIn?: string) => {
    if (cursor && !cursor.startsWith(`${api}/`)) throw new AppError('invalid_input', 'A stored sync cursor points outside this host; the sync starts again.');
    const response = await providerRequest<unknown>(fetch, hostName, cursor ?? firstUrl, { token });
    const list = wrappedIn === undefined ? response.body : (response.body as Record<string, unknown> | null | undefined)?.[wrappedIn];
    if (list !== undefined && list !== null && !Array.isArray(list)) throw new AppError('provider_error', `${hostName} answered a list request with something that is not a list.`);
    return { items: ((list ?? []) as T[]).map(map), next: nextLink(response.headers.get('link')) };
  };
  const toRepository = (repository: GithubRepository): RemoteRepository => ({
    providerRepoId: String(repository.id),
    fullName: repository.full_name,
    url: safeHttpUrl(repository.html_url) ?? '',
  });

  return {
    hostName,
    async defaultBranch(token, repository) {
      const response = await providerRequest<{ default_branch?: string }>(fetch, hostName, `${api}/repos/${repoPath(repository)}`, { token });
      return response.body?.default_branch ?? 'main';
    },
    commits: (token, repository, branch, cursor) =>
      page<GithubCommit, CommitData>(token, `${api}/repos/${repoPath(repository)}/commits?sha=${encodeURIComponent(branch)}&per_page=100`, cursor, githubCommitData),
    commitsBetween: (token, repository, before, head, cursor) =>
      page<GithubCommit, CommitData>(
        token,
        `${api}/repos/${repoPath(repository)}/compare/${encodeURIComponent(before)}...${encodeURIComponent(head)}?per_page=100`,
        cursor,
        githubCommitData,
        'commits',
      ),
    commitsInRange: (token, repository, base, head) => githubCommitsInRange(fetch, hostName, `${api}/repos/${repoPath(repository)}`, token, repository, base, head),
    async commit(token, repository, sha) {
      try {
        const response = await providerRequest<GithubCommit>(fetch, hostName, `${api}/repos/${repoPath(repository)}/commits/${encodeURIComponent(sha)}`, { token });
        return githubCommitData(response.body);
      } catch (error) {
        // GitHub answers 422 for a sha it cannot resolve and 404 for one it does not have.
        if (error instanceof AppError && (error.code === 'provider_not_found' || error.code === 'provider_error')) return null;
        throw error;
      }
    },
    async estimateCommits(token, repository, branch) {
      // One commit a page: the "last" page's number is the branch's commit count.
      const response = await providerRequest<unknown[]>(fetch, hostName, `${api}/repos/${repoPath(repository)}/commits?sha=${encodeURIComponent(branch)}&per_page=1`, { token });
      const last = linkTarget(response.headers.get('link'), 'last');
      const pageNumber = last ? Number(new URL(last).searchParams.get('page')) : NaN;
      return Number.isFinite(pageNumber) && pageNumber > 0 ? pageNumber : (response.body ?? []).length;
    },
    branches: (token, repository, cursor) =>
      page<{ name: string; commit: { sha: string } }, RemoteBranch>(token, `${api}/repos/${repoPath(repository)}/branches?per_page=100`, cursor, (item) => ({
        name: item.name,
        headSha: item.commit.sha,
        url: githubBranchUrl(repository.url, item.name),
      })),
    pullRequests: (token, repository, cursor) =>
      page<GithubPull, PullRequestData>(token, `${api}/repos/${repoPath(repository)}/pulls?state=all&sort=updated&direction=desc&per_page=100`, cursor, (item) => ({
        number: item.number,
        title: item.title,
        state: item.state === 'open' ? 'OPEN' : item.merged_at ? 'MERGED' : 'DECLINED',
        sourceBranch: item.head.ref,
        destinationBranch: item.base.ref,
        authorName: item.user?.login ?? '',
        updatedAt: Date.parse(item.updated_at) || 0,
        url: safeHttpUrl(item.html_url) ?? '',
        ...(Array.isArray(item.requested_reviewers) ? { reviewers: githubRequestedReviewers(item.requested_reviewers) } : {}),
      })),
    latestBuilds: (token, repository, sha, branch) => githubLatestBuilds(fetch, hostName, api, token, repository, sha, branch),
    async reviews(token, repository, number) {
      // Oldest first, 100 a page: the first page, and the last when there are more, whose reviews count most.
      const first = await providerRequest<GithubReview[]>(fetch, hostName, `${api}/repos/${repoPath(repository)}/pulls/${number}/reviews?per_page=100`, { token });
      const last = linkTarget(first.headers.get('link'), 'last');
      const pages = [first.body ?? []];
      if (last?.startsWith(`${api}/`)) pages.push((await providerRequest<GithubReview[]>(fetch, hostName, last, { token })).body ?? []);
      const reviews: Review[] = [];
      for (const review of pages.flat()) {
        const state = githubReviewState(review.state ?? '');
        const at = Date.parse(review.submitted_at ?? '');
        if (review.user && state && Number.isFinite(at)) reviews.push({ reviewerId: String(review.user.id), name: review.user.login, state, at });
      }
      return reviewsThatCount(reviews);
    },
    async verify(token, accountName) {
      // An installation token (ghs_) is the installation's: its repositories must be the account's.
      if (token.startsWith('ghs_')) {
        const response = await providerRequest<{ repositories?: GithubRepository[] }>(fetch, hostName, `${api}/installation/repositories?per_page=1`, { token });
        const owner = response.body?.repositories?.[0]?.owner?.login ?? '';
        if (owner && owner.toLowerCase() !== accountName.toLowerCase()) {
          throw new AppError(
            'provider_forbidden',
            `The token is an installation of the GitHub App on ${owner}, not on ${accountName}. Install the app on ${accountName} and use that installation's token.`,
          );
        }
        return { identity: owner || accountName };
      }
      const response = await providerRequest<{ login?: string }>(fetch, hostName, `${api}/user`, { token });
      const login = response.body?.login ?? '';
      if (login.toLowerCase() === accountName.toLowerCase()) return { identity: login };
      // Someone else's token: accepted only if that person belongs to the account's organisation.
      try {
        const membership = await providerRequest<{ state?: string }>(fetch, hostName, `${api}/user/memberships/orgs/${encodeURIComponent(accountName)}`, { token });
        if (membership.body?.state === 'active') return { identity: login };
      } catch (error) {
        if (!(error instanceof AppError) || !['provider_not_found', 'provider_forbidden'].includes(error.code)) throw error;
      }
      throw new AppError(
        'provider_forbidden',
        `The token belongs to ${login || 'another user'}, who cannot read ${accountName} on ${hostName}: ${accountName} is not ${login || 'them'}, and not an organisation they are an active member of. Use a token of ${accountName}, or of a member of the ${accountName} organisation (with the read:org scope).`,
      );
    },
    async listRepositories(token, accountName, cursor) {
      // A GitHub App installation token (ghs_) sees exactly the repositories the installation was granted.
      if (token.startsWith('ghs_')) {
        const result = await page<GithubRepository, RemoteRepository>(token, `${api}/installation/repositories?per_page=100`, cursor, toRepository, 'repositories');
        return { repositories: result.items, next: result.next };
      }
      if (cursor && !cursor.startsWith(`${api}/`)) throw new AppError('invalid_input', 'This repository list is out of date. Reload the page.');
      let url = cursor;
      if (!url) {
        const user = await providerRequest<{ login?: string }>(fetch, hostName, `${api}/user`, { token });
        url =
          (user.body?.login ?? '').toLowerCase() === accountName.toLowerCase()
            ? `${api}/user/repos?per_page=100&affiliation=owner&sort=full_name`
            : `${api}/orgs/${encodeURIComponent(accountName)}/repos?per_page=100&sort=full_name`;
      }
      const result = await page<GithubRepository, RemoteRepository>(token, url, null, toRepository);
      return { repositories: result.items, next: result.next };
    },
    async ownedRepository(token, accountName, repository) {
      if (!FULL_NAME.test(repository.fullName) || repository.fullName.split('/').some((part) => part === '.' || part === '..')) return null;
      const found = (await nullIfNotFound(() => providerRequest<GithubRepository>(fetch, hostName, `${api}/repos/${repoPath(repository)}`, { token })))?.body;
      if (!found || String(found.id) !== repository.providerRepoId || found.owner?.login?.toLowerCase() !== accountName.toLowerCase()) return null;
      return toRepository(found);
    },
    async createWebhook(token, repository, hook) {
      const response = await providerRequest<{ id: number }>(fetch, hostName, `${api}/repos/${repoPath(repository)}/hooks`, {
        method: 'POST',
        token,
        json: {
          name: 'web',
          active: true,
          events: GITHUB_WEBHOOK_EVENTS,
          config: { url: hook.url, content_type: 'json', secret: hook.secret, insecure_ssl: '0' },
        },
      });
      return String(response.body.id);
    },
    async updateWebhook(token, repository, webhookId, hook) {
      await providerRequest(fetch, hostName, `${api}/repos/${repoPath(repository)}/hooks/${encodeURIComponent(webhookId)}`, {
        method: 'PATCH',
        token,
        // The events too, so a webhook made before the app read an event (pull_request_review) gets it now.
        json: { active: true, events: GITHUB_WEBHOOK_EVENTS, config: { url: hook.url, content_type: 'json', secret: hook.secret, insecure_ssl: '0' } },
      });
    },
    async createBranch(token, repository, name, from) {
      // A ref is created from a sha, so the source branch's head is read first.
      const source = await providerRequest<{ object: { sha: string } }>(
        fetch,
        hostName,
        `${api}/repos/${repoPath(repository)}/git/ref/heads/${from.split('/').map(encodeURIComponent).join('/')}`,
        { token },
      );
      const created = await providerRequest<{ object: { sha: string } }>(fetch, hostName, `${api}/repos/${repoPath(repository)}/git/refs`, {
        method: 'POST',
        token,
        json: { ref: `refs/heads/${name}`, sha: source.body.object.sha },
      });
      if (typeof created.body?.object?.sha !== 'string')
        throw new AppError('provider_error', `${hostName} answered the new branch in a form this app does not understand. Check the branch on ${hostName}.`);
      return { name, headSha: created.body.object.sha, url: githubBranchUrl(repository.url, name) };
    },
    async deleteWebhook(token, repository, webhookId) {
      await nullIfNotFound(() => providerRequest(fetch, hostName, `${api}/repos/${repoPath(repository)}/hooks/${encodeURIComponent(webhookId)}`, { method: 'DELETE', token }));
    },
    authoriseUrl(client, redirectUri, state) {
      const query = new URLSearchParams({ client_id: client.clientId, redirect_uri: redirectUri, scope: GITHUB_SCOPES.join(' '), state });
      return `${web}/login/oauth/authorize?${query.toString()}`;
    },
    exchangeCode: (client: OAuthClient, code, redirectUri) => tokenRequest({ client_id: client.clientId, client_secret: client.clientSecret, code, redirect_uri: redirectUri }),
    refresh: (client: OAuthClient, refreshToken) =>
      tokenRequest({ client_id: client.clientId, client_secret: client.clientSecret, grant_type: 'refresh_token', refresh_token: refreshToken }),
  };
}
