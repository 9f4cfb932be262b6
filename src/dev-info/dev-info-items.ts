import type { PullRequestData } from './dev-event';

/** What the Development panel lists. Links are only ever http(s). */
export interface RepositoryLabel {
  name: string;
  url: string | null;
}

export interface CommitItem {
  kind: 'commit';
  repository: RepositoryLabel;
  sha: string;
  shortSha: string;
  summary: string;
  authorName: string;
  time: number;
  url: string | null;
}

export interface BranchItem {
  kind: 'branch';
  repository: RepositoryLabel;
  name: string;
  time: number;
  url: string | null;
  createPullRequestUrl: string | null;
}

export interface PullRequestItem extends Omit<PullRequestData, 'updatedAt' | 'url'> {
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

/** Keeps a link only if it is plain http(s): a payload's URL is rendered as a link in Jira. */
export function safeHttpUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.toString() : null;
  } catch {
    return null;
  }
}

/** Text cut to `max` characters, with an ellipsis saying it was cut. */
export function bounded(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function firstLine(message: string, max = 200): string {
  return bounded(message.split(/\r?\n/, 1)[0] ?? '', max);
}

export function createPullRequestUrl(provider: string, repositoryUrl: string | null, branch: string): string | null {
  if (!repositoryUrl) return null;
  const base = repositoryUrl.replace(/\/+$/, '');
  if (provider === 'bitbucket-cloud') return `${base}/pull-requests/new?source=${encodeURIComponent(branch)}&t=1`;
  return `${base}/compare/${branch.split('/').map(encodeURIComponent).join('/')}?expand=1`;
}
