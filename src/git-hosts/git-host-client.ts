import type { BuildData } from './build-event';
import type { CommitData, PullRequestData, Review } from './dev-event';

/** What account management needs from a Git host, whichever it is. */
export interface RemoteRepository {
  providerRepoId: string;
  fullName: string;
  url: string;
}

export interface Credentials {
  accessToken: string;
  refreshToken?: string;
  /** Epoch ms; absent when the token does not expire. */
  expiresAt?: number;
}

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
}

export interface Page<T> {
  items: T[];
  /** The next page's URL on the host's API, or null on the last page. */
  next: string | null;
}

export interface RemoteBranch {
  name: string;
  headSha: string;
  url: string;
}

/** Reading a repository's history, a page at a time, for the backfill and the hourly reconciliation. */
interface HistoryReader {
  defaultBranch(token: string, repository: RemoteRepository): Promise<string>;
  commits(token: string, repository: RemoteRepository, branch: string, cursor: string | null): Promise<Page<CommitData>>;
  branches(token: string, repository: RemoteRepository, cursor: string | null): Promise<Page<RemoteBranch>>;
  pullRequests(token: string, repository: RemoteRepository, cursor: string | null): Promise<Page<PullRequestData>>;
  /** Commits reachable from `head` but not from `before`: what a push brought, for a truncated payload. */
  commitsBetween(token: string, repository: RemoteRepository, before: string, head: string, cursor: string | null): Promise<Page<CommitData>>;
  /** One commit by its full or abbreviated sha, or null when the repository has no such commit. */
  commit(token: string, repository: RemoteRepository, sha: string): Promise<CommitData | null>;
  /** How many commits the branch has, where the host can say cheaply; null where it cannot. */
  estimateCommits(token: string, repository: RemoteRepository, branch: string): Promise<number | null>;
  /**
   * The reviews that count on one pull request, one per person, where the host's pull request list does not
   * carry them (GitHub): a request per pull request, so callers choose which pull requests to ask about.
   */
  reviews?(token: string, repository: RemoteRepository, number: number): Promise<Review[]>;
  /**
   * The commits reachable from `head` but not from `base`, oldest first, in one request (what a deployment
   * brought since the previous one to its environment); `complete` is false when the host listed only the first.
   */
  commitsInRange?(token: string, repository: RemoteRepository, base: string, head: string): Promise<{ commits: CommitData[]; complete: boolean }>;
  /** The latest build of each pipeline on one commit (`branch`: the branch it heads), where the host lists them. */
  latestBuilds?(token: string, repository: RemoteRepository, sha: string, branch: string): Promise<BuildData[]>;
}

export interface GitHostClient extends HistoryReader {
  readonly hostName: string;
  /** Proves the token works for this account; returns who the token belongs to, for the admin to see. */
  verify(token: string, accountName: string): Promise<{ identity: string }>;
  listRepositories(token: string, accountName: string, cursor: string | null): Promise<{ repositories: RemoteRepository[]; next: string | null }>;
  /**
   * The repository a delivery names, as the host knows it, when it is the same repository (by id) and
   * belongs to the account's organisation, user or workspace; null otherwise. A signed delivery only proves
   * the host sent it, so a repository the app has not seen is trusted only after this.
   */
  ownedRepository(token: string, accountName: string, repository: RemoteRepository): Promise<RemoteRepository | null>;
  createWebhook(token: string, repository: RemoteRepository, hook: { url: string; secret: string }): Promise<string>;
  deleteWebhook(token: string, repository: RemoteRepository, webhookId: string): Promise<void>;
  /** Points a webhook the app created at `hook` again, with a new secret (after the admin regenerates it). */
  updateWebhook(token: string, repository: RemoteRepository, webhookId: string, hook: { url: string; secret: string }): Promise<void>;
  /** Creates `name` at the head of `from`; returns the new branch. */
  createBranch(token: string, repository: RemoteRepository, name: string, from: string): Promise<RemoteBranch>;
  authoriseUrl(client: Pick<OAuthClient, 'clientId'>, redirectUri: string, state: string): string;
  exchangeCode(client: OAuthClient, code: string, redirectUri: string): Promise<Credentials>;
  refresh(client: OAuthClient, refreshToken: string): Promise<Credentials>;
  /** Only Bitbucket Cloud consumers support this grant. */
  clientCredentials?(client: OAuthClient): Promise<Credentials>;
}

/** Token endpoint answers of both hosts: `expires_in` is in seconds. */
export function credentialsFrom(body: { access_token?: unknown; refresh_token?: unknown; expires_in?: unknown }, now: number): Credentials | null {
  if (typeof body.access_token !== 'string' || body.access_token === '') return null;
  return {
    accessToken: body.access_token,
    ...(typeof body.refresh_token === 'string' && body.refresh_token ? { refreshToken: body.refresh_token } : {}),
    ...(typeof body.expires_in === 'number' ? { expiresAt: now + body.expires_in * 1000 } : {}),
  };
}
