import { connectAccount, type HostConnection } from '../accounts/host-connection';
import { recordEvents, recordTargetOf } from '../dev-info/record-events';
import type { CommitData, DevEvent, PullRequestData, RepositoryRef } from '../git-hosts/dev-event';
import type { Page, RemoteBranch } from '../git-hosts/git-host-client';
import type { ProjectKeyDirectory } from '../issue-keys/project-key-directory';
import type { Ports } from '../ports/ports';
import { forgetBranchHeads, rememberBranchHeads, storedBranchHeads } from './branch-heads';
import { headsToReadBuildsOf, readLatestBuilds } from './branch-builds';
import { pullRequestsToReview, readReviews } from './pull-request-reviews';

/** A branch that moved further than this many pages since the last look is left to a full resync. */
const MAX_COMMIT_PAGES_PER_BRANCH = 10;
/** Pull requests updated this long before the last sync are read again, for clock skew between hosts. */
const PULL_REQUEST_OVERLAP_MS = 10 * 60 * 1000;

export interface ReconcileReport {
  branchesMoved: number;
  branchesDeleted: number;
  commitsRead: number;
  pullRequestsRead: number;
}

async function allBranches(connection: HostConnection, repository: RepositoryRef): Promise<RemoteBranch[]> {
  const branches: RemoteBranch[] = [];
  let cursor: string | null = null;
  do {
    const after = cursor;
    const page: Page<RemoteBranch> = await connection.call((host, token) => host.branches(token, repository, after));
    branches.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return branches;
}

/** Commits on `branch` newer than `since` (its previous head): one page for a new branch. */
async function newCommits(connection: HostConnection, repository: RepositoryRef, branch: RemoteBranch, since: string | undefined): Promise<CommitData[]> {
  const commits: CommitData[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < (since ? MAX_COMMIT_PAGES_PER_BRANCH : 1); page += 1) {
    const after = cursor;
    const result: Page<CommitData> = await connection.call((host, token) => host.commits(token, repository, branch.headSha, after));
    const known = result.items.findIndex((commit) => commit.sha === since);
    commits.push(...(known >= 0 ? result.items.slice(0, known) : result.items));
    if (known >= 0 || !result.next) break;
    cursor = result.next;
  }
  return commits;
}

/**
 * Brings one repository up to date with its host without a webhook: branches that moved (their new
 * commits only), branches deleted, and pull requests updated since the last sync. A repository with no
 * changes costs one request per page of branches and one page of pull requests, and no commit listing.
 */
export async function reconcileRepository(ports: Ports, projectKeys: ProjectKeyDirectory, repositoryId: string): Promise<ReconcileReport> {
  const { db } = ports.database;
  const repository = await db.selectFrom('repository').selectAll().where('id', '=', repositoryId).executeTakeFirstOrThrow();
  const connection = await connectAccount(ports, repository.account_id);
  const ref: RepositoryRef = { providerRepoId: repository.provider_repo_id, fullName: repository.full_name, url: repository.url };
  const startedAt = ports.clock.now();
  const report: ReconcileReport = { branchesMoved: 0, branchesDeleted: 0, commitsRead: 0, pullRequestsRead: 0 };

  const events: DevEvent[] = [];
  const known = await storedBranchHeads(ports.database, repositoryId);
  const branches = await allBranches(connection, ref);
  const moved = branches.filter((branch) => known.get(branch.name) !== branch.headSha);
  for (const branch of moved) {
    const commits = await newCommits(connection, ref, branch, known.get(branch.name));
    report.commitsRead += commits.length;
    events.push({ kind: 'branch-created', repository: ref, branch: branch.name, branchUrl: branch.url, headSha: branch.headSha });
    events.push({ kind: 'push', repository: ref, branch: '', branchUrl: '', headSha: '', commits, truncated: false, before: null });
  }
  const listed = new Set(branches.map((branch) => branch.name));
  const deleted = [...known.keys()].filter((name) => !listed.has(name));
  for (const name of deleted) events.push({ kind: 'branch-deleted', repository: ref, branch: name });

  const since = repository.last_sync_at === null ? 0 : Number(repository.last_sync_at) - PULL_REQUEST_OVERLAP_MS;
  let cursor: string | null = null;
  const updated: PullRequestData[] = [];
  do {
    const after = cursor;
    const page: Page<PullRequestData> = await connection.call((host, token) => host.pullRequests(token, ref, after));
    const fresh = page.items.filter((pull) => pull.updatedAt >= since);
    report.pullRequestsRead += fresh.length;
    updated.push(...fresh);
    events.push(...fresh.map((pullRequest) => ({ kind: 'pull-request' as const, repository: ref, pullRequest })));
    // Pages come newest first: once a page reaches back past the last sync, the rest is known.
    cursor = fresh.length === page.items.length ? page.next : null;
  } while (cursor);

  if (events.length > 0) {
    const target = await recordTargetOf(ports, repository);
    const { plan } = await recordEvents(ports, projectKeys, target, events, { authoritative: true });
    // A review updates its pull request, so the updated ones are those whose reviews may have changed.
    const reviews = await readReviews(connection, ref, pullRequestsToReview(updated, plan, since));
    // The latest builds of the heads the store keeps, in case their webhooks were missed (branch-builds.ts).
    const builds = await readLatestBuilds(connection, ref, headsToReadBuildsOf(plan, branches));
    // Both follow from the first plan; they are stored together.
    if (reviews.length + builds.length > 0) await recordEvents(ports, projectKeys, target, [...reviews, ...builds], { authoritative: true });
  }
  // Heads move only after their commits are stored, so an interrupted run looks again next time.
  await rememberBranchHeads(ports.database, repositoryId, moved);
  await forgetBranchHeads(ports.database, repositoryId, deleted);
  report.branchesMoved = moved.length;
  report.branchesDeleted = deleted.length;
  await db
    .updateTable('repository')
    .set({ sync_status: 'synced', last_sync_at: startedAt, last_error: null, updated_at: ports.clock.now() })
    .where('id', '=', repositoryId)
    .execute();
  return report;
}
