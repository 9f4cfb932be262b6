import { bounded, createPullRequestUrl } from '../dev-info/dev-info-items';
import { AppError } from '../errors/app-error';
import { PROVIDER_NAMES } from '../git-hosts/provider-hosts';
import type { AccountTable, BranchTable, CommitTable, PullRequestTable } from '../storage/schema';
import { safeHttpUrl } from '../urls/http-url';

/**
 * Jira's development information (`POST /rest/devinfo/0.10/bulk`), built without I/O from stored rows.
 * Field limits follow the API's schema; longer values are cut with an ellipsis rather than rejected.
 */
/** Entities per request: well inside the API's per-request limits, so one bad entity costs little. */
export const DEVINFO_ENTITIES_PER_REQUEST = 100;
const MAX_ISSUE_KEYS = 100;

export interface DevinfoRepository {
  id: string;
  name: string;
  url: string;
  provider: AccountTable['provider'];
  accountId: string;
}

const iso = (ms: number) => new Date(Number(ms)).toISOString();
/**
 * Every URL sent to Jira passes `safeHttpUrl`: the item's own, else the repository's. When neither does, ''
 * stands in, and `bulkBody` refuses the repository, so it never reaches Jira.
 */
const url = (value: string | null | undefined, fallback: string) => safeHttpUrl(value) ?? safeHttpUrl(fallback) ?? '';

export function commitEntity(commit: CommitTable, issueKeys: string[], sequence: number, repositoryUrl: string) {
  return {
    id: commit.sha,
    issueKeys: issueKeys.slice(0, MAX_ISSUE_KEYS),
    updateSequenceId: sequence,
    hash: commit.sha,
    displayId: commit.sha.slice(0, 7),
    message: bounded(commit.message, 1024),
    author: { name: bounded(commit.author_name || 'unknown', 255), ...(commit.author_email ? { email: bounded(commit.author_email, 255) } : {}) },
    fileCount: Number(commit.files_changed ?? 0),
    url: url(commit.url, repositoryUrl),
    authorTimestamp: iso(commit.authored_at),
  };
}

/** A branch's `lastCommit` is required; when its head commit is not stored (it named no issue), a stub stands in. */
export function branchEntity(branch: BranchTable, head: CommitTable | undefined, issueKeys: string[], sequence: number, repository: DevinfoRepository) {
  // Jira wants at least one issue key on the last commit too: the branch's keys stand for it.
  const lastCommit = head
    ? commitEntity(head, issueKeys, sequence, repository.url)
    : commitEntity(
        {
          repository_id: branch.repository_id,
          sha: branch.head_sha || '0000000',
          message: '',
          author_name: 'unknown',
          author_email: '',
          authored_at: Number(branch.updated_at),
          url: '',
          files_changed: 0,
        },
        issueKeys,
        sequence,
        repository.url,
      );
  return {
    id: branch.name,
    issueKeys: issueKeys.slice(0, MAX_ISSUE_KEYS),
    updateSequenceId: sequence,
    name: bounded(branch.name, 512),
    url: url(branch.url, repository.url),
    createPullRequestUrl: url(createPullRequestUrl(repository.provider, repository.url, branch.name), repository.url),
    lastCommit,
  };
}

export function pullRequestEntity(pull: PullRequestTable, issueKeys: string[], sequence: number, repositoryUrl: string) {
  return {
    id: String(pull.number),
    issueKeys: issueKeys.slice(0, MAX_ISSUE_KEYS),
    updateSequenceId: sequence,
    status: pull.state,
    title: bounded(pull.title, 1024),
    author: { name: bounded(pull.author_name || 'unknown', 255) },
    commentCount: 0,
    sourceBranch: bounded(pull.source_branch, 255),
    destinationBranch: bounded(pull.destination_branch, 255),
    lastUpdate: iso(pull.updated_at),
    url: url(pull.url, repositoryUrl),
    displayId: `#${pull.number}`,
  };
}

export function bulkBody(repository: DevinfoRepository, entities: { commits: unknown[]; branches: unknown[]; pullRequests: unknown[] }, sequence: number) {
  const repositoryUrl = safeHttpUrl(repository.url);
  // Thrown inside the push's attempt, so the items are recorded as failing with this reason and retried later.
  if (!repositoryUrl) throw new AppError('invalid_input', `${repository.name.slice(0, 255)} has no http(s) address, so Jira cannot link to it; nothing was sent.`);
  return {
    repositories: [{ id: repository.id, name: bounded(repository.name, 255), url: repositoryUrl, updateSequenceId: sequence, ...entities }],
    // Smart commits are this app's job, with each committer's own permissions; Jira must not act on them again.
    preventTransitions: true,
    operationType: 'NORMAL',
    // Lets everything from one account be removed at once with DELETE /bulkByProperties.
    properties: { dvcsAccount: repository.accountId },
    providerMetadata: { product: PROVIDER_NAMES[repository.provider] },
  };
}

/** What Jira answered about a bulk request: which entities it refused, and why. */
export function failedEntities(response: unknown): Map<string, string> {
  const failed = new Map<string, string>();
  const byRepository = (response as { failedDevinfoEntities?: Record<string, Record<string, unknown>> } | null)?.failedDevinfoEntities ?? {};
  const kinds: Record<string, string> = { commits: 'commit', branches: 'branch', pullRequests: 'pull_request' };
  for (const entry of Object.values(byRepository)) {
    for (const [field, kind] of Object.entries(kinds)) {
      const list = entry[field];
      if (!Array.isArray(list)) continue;
      for (const failure of list as Array<{ id?: unknown; errorMessages?: Array<{ message?: unknown }> }>) {
        const message =
          (failure.errorMessages ?? [])
            .map((error) => (typeof error.message === 'string' ? error.message : ''))
            .filter(Boolean)
            .join('; ') || 'Jira refused this item.';
        failed.set(`${kind}\n${String(failure.id)}`, message);
      }
    }
  }
  return failed;
}
