import { isHttpUrl, safeHttpUrl, withoutTrailingSlashes } from '../urls/http-url';
import type { PullRequestData } from '../git-hosts/dev-event';
import { HOST_KINDS, type Provider } from '../git-hosts/provider-hosts';

/** What the Development panel lists. Links are only ever http(s): `safeHttpUrl` (src/urls/http-url.ts) or null. */
interface RepositoryLabel {
  name: string;
  url: string | null;
}

interface CommitItem {
  kind: 'commit';
  /** The first of `repositories`. */
  repository: RepositoryLabel;
  /**
   * Every linked repository that has the commit (a fork, a mirror: the same sha), by name, each with the
   * commit's page there: the commit is listed once.
   */
  repositories: Array<RepositoryLabel & { commitUrl: string | null }>;
  sha: string;
  shortSha: string;
  summary: string;
  authorName: string;
  time: number;
  url: string | null;
}

interface BranchItem {
  kind: 'branch';
  repository: RepositoryLabel;
  name: string;
  time: number;
  url: string | null;
  /** The branch's open pull request (the newest, if several): shown instead of offering to create one. */
  openPullRequest: { number: number; title: string; url: string | null } | null;
  /** Null while the branch has an open pull request. */
  createPullRequestUrl: string | null;
}

/**
 * How a reviewer stands, as the panel shows it: a dismissed review counts as not reviewed yet. Only names
 * are shown, never avatars: an avatar is an image from a third party (GitHub's and Atlassian's avatar
 * services, Gravatar; an Enterprise server that wants a sign-in), which Forge's CSP would have to allow
 * host by host, and which tells that party who looked at the issue and when.
 */
export type ReviewerStanding = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'PENDING';

interface PullRequestItem extends Omit<PullRequestData, 'updatedAt' | 'url' | 'reviewers'> {
  kind: 'pull_request';
  repository: RepositoryLabel;
  time: number;
  url: string | null;
  /** Changes requested first, then approvals, comments, and those still to review; at most 50. */
  reviewers: Array<{ name: string; state: ReviewerStanding }>;
}

export type DevItem = CommitItem | BranchItem | PullRequestItem;
export type DevItemKind = DevItem['kind'];
export type DevItemOfKind<K extends DevItemKind> = Extract<DevItem, { kind: K }>;

export interface ItemPage<T extends DevItem = DevItem> {
  items: T[];
  /** Opaque; pass it back for the next page. Absent on the last page. */
  nextCursor: string | null;
}

export const DEV_ITEM_KINDS: readonly DevItemKind[] = ['commit', 'branch', 'pull_request'];

/** Narrows a full list: to one repository, to items whose text contains `text`, to pull requests in one state. */
export interface ItemFilter {
  repositoryId?: string;
  text?: string;
  state?: PullRequestData['state'];
}

/** Text cut to `max` characters, with an ellipsis saying it was cut. */
export function bounded(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function firstLine(message: string, max = 200): string {
  return bounded(message.split(/\r?\n/, 1)[0] ?? '', max);
}

/** Where the host offers to open a pull request from `branch`; null unless that is an http(s) URL. */
export function createPullRequestUrl(provider: string, repositoryUrl: string | null, branch: string): string | null {
  if (!repositoryUrl) return null;
  const base = withoutTrailingSlashes(repositoryUrl);
  const kind = HOST_KINDS[provider as Provider] ?? HOST_KINDS.github;
  return safeHttpUrl(`${base}${kind.newPullRequestPath(branch)}`);
}

/**
 * A link as the store keeps it: the URL columns hold 1,024 characters, and a URL is kept whole or not at all
 * (a cut one would point somewhere else), and only if it is http(s).
 */
export const storedUrl = (url: string) => (url.length > 1024 || !isHttpUrl(url) ? '' : url);
