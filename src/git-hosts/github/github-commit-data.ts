import { safeHttpUrl } from '../../urls/http-url';
import type { CommitData } from '../dev-event';

/** A commit as GitHub's REST answers carry it (commit lists, a single commit, a comparison's commits). */
export interface GithubCommit {
  sha: string;
  html_url: string;
  commit: { message: string; author?: { name?: string | null; email?: string | null; date?: string | null } | null };
  files?: unknown[];
}

export function githubCommitData(item: GithubCommit): CommitData {
  return {
    sha: item.sha,
    message: item.commit.message,
    authorName: item.commit.author?.name ?? '',
    authorEmail: item.commit.author?.email ?? '',
    authoredAt: Date.parse(item.commit.author?.date ?? '') || 0,
    // Every URL in an answer passes the app's one check; one that fails becomes '' (no link).
    url: safeHttpUrl(item.html_url) ?? '',
    // Only the single-commit answer lists files; elsewhere the count is unknown.
    filesChanged: item.files ? item.files.length : null,
  };
}
