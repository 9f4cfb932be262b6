import { safeHttpUrl, withoutTrailingSlashes } from '../urls/http-url';
import type { PullRequestData } from '../git-hosts/dev-event';

/** What the Development panel lists. Links are only ever http(s): `safeHttpUrl` (src/urls/http-url.ts) or null. */
interface RepositoryLabel {
  name: string;
  url: string | null;
}

interface CommitItem {
  kind: 'commit';
  repository: RepositoryLabel;
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
  createPullRequestUrl: string | null;
}

interface PullRequestItem extends Omit<PullRequestData, 'updatedAt' | 'url'> {
  kind: 'pull_request';
  repository: RepositoryLabel;
  time: number;
  url: string | null;
}

export type DevItem = CommitItem | BranchItem | PullRequestItem;
export type DevItemKind = DevItem['kind'];

export interface ItemPage<T extends DevItem = DevItem> {
  items: T[];
  /** Opaque; pass it back for the next page. Absent on the last page. */
  nextCursor: string | null;
}

export const DEV_ITEM_KINDS: readonly DevItemKind[] = ['commit', 'branch', 'pull_request'];

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
  if (provider === 'bitbucket-cloud') return safeHttpUrl(`${base}/pull-requests/new?source=${encodeURIComponent(branch)}&t=1`);
  return safeHttpUrl(`${base}/compare/${branch.split('/').map(encodeURIComponent).join('/')}?expand=1`);
}
