import { connectAccount, type HostConnection } from '../accounts/host-connection';
import { recordEvents, recordTargetOf } from '../dev-info/record-events';
import { AppError, isAppError } from '../errors/app-error';
import type { DevEvent, PullRequestData, RepositoryRef } from '../git-hosts/dev-event';
import type { ProjectKeyDirectory } from '../issue-keys/project-key-directory';
import type { Ports } from '../ports/ports';
import { backfillHeadsToReadBuildsOf, readLatestBuilds } from './branch-builds';
import { rememberBranchHeads } from './branch-heads';
import { pullRequestsToReview, readReviews } from './pull-request-reviews';

/** Time one invocation spends before handing over to the next, well under Forge's 55 s and 900 s limits. */
export const SLICE_BUDGET_MS = 20_000;
/** Faults (5xx, network) retried this many times, with growing delays, before the job gives up. */
const MAX_ATTEMPTS = 8;
/** Forge delays a queued event by at most 15 minutes. */
const MAX_DELAY_SECONDS = 900;

type Phase = 'branches' | 'pull-requests' | 'commits' | 'builds' | 'done';
const NEXT_PHASE: Record<Phase, Phase> = { branches: 'pull-requests', 'pull-requests': 'commits', commits: 'builds', builds: 'done', done: 'done' };

interface BackfillCursor {
  phase: Phase;
  next: string | null;
  branch?: string;
}

export type SliceOutcome = { status: 'done' } | { status: 'continue' } | { status: 'wait'; delaySeconds: number } | { status: 'failed'; message: string };

export const backfillJobId = (repositoryId: string) => `backfill:${repositoryId}`;

async function readPage(
  ports: Ports,
  repositoryId: string,
  connection: HostConnection,
  repository: RepositoryRef,
  cursor: BackfillCursor,
): Promise<{ events: DevEvent[]; count: number; next: string | null; branch?: string; pulls?: PullRequestData[] }> {
  if (cursor.phase === 'branches') {
    const page = await connection.call((host, token) => host.branches(token, repository, cursor.next));
    await rememberBranchHeads(ports.database, repositoryId, page.items);
    return {
      events: page.items.map((branch) => ({ kind: 'branch-created', repository, branch: branch.name, branchUrl: branch.url, headSha: branch.headSha })),
      count: page.items.length,
      next: page.next,
    };
  }
  if (cursor.phase === 'pull-requests') {
    const page = await connection.call((host, token) => host.pullRequests(token, repository, cursor.next));
    return { events: page.items.map((pullRequest) => ({ kind: 'pull-request', repository, pullRequest })), count: page.items.length, next: page.next, pulls: page.items };
  }
  const branch = cursor.branch ?? (await connection.call((host, token) => host.defaultBranch(token, repository)));
  if (cursor.phase === 'builds') {
    // Last, once branches and pull requests are stored: the latest build of the default branch's head and of
    // the open pull requests' heads, within the reconciliation's budget (branch-builds.ts); nothing on a host
    // that cannot list builds. Webhooks keep them current from then on.
    const heads = await backfillHeadsToReadBuildsOf(ports.database, repositoryId, branch);
    try {
      return { events: await readLatestBuilds(connection, repository, heads), count: 0, next: null };
    } catch (error) {
      // A project whose CI is switched off answers its builds list with 403 or 404: the history it has is
      // stored, so the backfill ends well without builds (the log says why); other failures retry as ever.
      if (!isAppError(error) || (error.code !== 'provider_not_found' && error.code !== 'provider_forbidden')) throw error;
      ports.log.warn('backfill read no builds', { repositoryId, code: error.code });
      return { events: [], count: 0, next: null };
    }
  }
  const page = await connection.call((host, token) => host.commits(token, repository, branch, cursor.next));
  // The branch is empty here so that only the commits are planned: branches came in their own phase.
  return {
    events: [{ kind: 'push', repository, branch: '', branchUrl: '', headSha: '', commits: page.items, truncated: false, before: null }],
    count: page.items.length,
    next: page.next,
    branch,
  };
}

/**
 * One slice of a repository's backfill: branches, then pull requests, then the default branch's commits,
 * page by page, then the latest builds of the heads that matter. Each page's rows are written (idempotent upserts) before the cursor moves past it, so a
 * slice cut off anywhere (timeout, crash, kill) repeats at most one page and loses nothing.
 */
export async function runBackfillSlice(ports: Ports, projectKeys: ProjectKeyDirectory, repositoryId: string, budgetMs = SLICE_BUDGET_MS): Promise<SliceOutcome> {
  const { db } = ports.database;
  const started = ports.clock.now();
  const repository = await db.selectFrom('repository').selectAll().where('id', '=', repositoryId).executeTakeFirst();
  if (!repository || Number(repository.linked) !== 1) return { status: 'done' };
  const jobId = backfillJobId(repositoryId);
  let job = await db.selectFrom('job').selectAll().where('id', '=', jobId).executeTakeFirst();
  if (!job || job.status === 'done' || job.status === 'failed') {
    const fresh = {
      id: jobId,
      repository_id: repositoryId,
      kind: 'backfill',
      status: 'running',
      cursor: JSON.stringify({ phase: 'branches', next: null } satisfies BackfillCursor),
      done: 0,
      total: null,
      attempts: 0,
      next_run_at: null,
      last_error: null,
      created_at: started,
      updated_at: started,
    };
    if (job) await db.updateTable('job').set(fresh).where('id', '=', jobId).execute();
    else await db.insertInto('job').values(fresh).execute();
    job = fresh;
  }
  let cursor = JSON.parse(job.cursor ?? '{"phase":"branches","next":null}') as BackfillCursor;
  let done = Number(job.done);
  const setRepository = (changes: { sync_status: string; last_error?: string | null; last_sync_at?: number }) =>
    db
      .updateTable('repository')
      .set({ ...changes, updated_at: ports.clock.now() })
      .where('id', '=', repositoryId)
      .execute();

  try {
    const connection = await connectAccount(ports, repository.account_id);
    const target = await recordTargetOf(ports, repository);
    const ref: RepositoryRef = { providerRepoId: repository.provider_repo_id, fullName: repository.full_name, url: repository.url };
    await setRepository({ sync_status: 'syncing' });
    while (cursor.phase !== 'done') {
      if (cursor.phase === 'commits' && cursor.next === null && job.total === null) {
        const branch = cursor.branch ?? (await connection.call((host, token) => host.defaultBranch(token, ref)));
        const estimate = await connection.call((host, token) => host.estimateCommits(token, ref, branch));
        cursor = { ...cursor, branch };
        job.total = estimate === null ? null : done + estimate;
        await db
          .updateTable('job')
          .set({ total: job.total, cursor: JSON.stringify(cursor), updated_at: ports.clock.now() })
          .where('id', '=', jobId)
          .execute();
      }
      const page = await readPage(ports, repositoryId, connection, ref, cursor);
      const { plan } = await recordEvents(ports, projectKeys, target, page.events, { authoritative: true });
      if (page.pulls) {
        // Reviews of the stored pull requests that may have changed, on hosts whose list does not carry them.
        const since = repository.last_sync_at === null ? null : Number(repository.last_sync_at);
        const reviews = await readReviews(connection, ref, pullRequestsToReview(page.pulls, plan, since));
        if (reviews.length > 0) await recordEvents(ports, projectKeys, target, reviews, { authoritative: true });
      }
      done += page.count;
      const branch = page.branch ?? cursor.branch;
      // The default branch travels on to the builds phase, which reads its head.
      cursor = page.next
        ? { ...cursor, next: page.next, ...(page.branch ? { branch: page.branch } : {}) }
        : { phase: NEXT_PHASE[cursor.phase], next: null, ...(cursor.phase === 'commits' && branch ? { branch } : {}) };
      await db
        .updateTable('job')
        .set({ cursor: JSON.stringify(cursor), done, attempts: 0, status: 'running', last_error: null, updated_at: ports.clock.now() })
        .where('id', '=', jobId)
        .execute();
      if (cursor.phase !== 'done' && ports.clock.now() - started >= budgetMs) return { status: 'continue' };
    }
    await db.updateTable('job').set({ status: 'done', updated_at: ports.clock.now() }).where('id', '=', jobId).execute();
    await setRepository({ sync_status: 'synced', last_error: null, last_sync_at: ports.clock.now() });
    return { status: 'done' };
  } catch (error) {
    if (!isAppError(error)) throw error;
    return recordFailure(ports, repositoryId, jobId, Number(job.attempts) + 1, error);
  }
}

/** What a failed slice means for its job and repository; the account's own status is the host connection's to record. */
async function recordFailure(ports: Ports, repositoryId: string, jobId: string, attempts: number, error: AppError): Promise<SliceOutcome> {
  const { db } = ports.database;
  const now = ports.clock.now();
  const fail = async (message: string) => {
    await db.updateTable('job').set({ status: 'failed', last_error: message, updated_at: now }).where('id', '=', jobId).execute();
    await db.updateTable('repository').set({ sync_status: 'failed', last_error: message, updated_at: now }).where('id', '=', repositoryId).execute();
    return { status: 'failed' as const, message };
  };
  if (error.code === 'provider_invalid_credentials' || error.code === 'oauth_failed') return fail('Invalid credentials, please re-authorise the account.');
  if (error.code === 'provider_not_found') return fail('Repository no longer exists or access was removed.');
  if (error.code === 'provider_forbidden' || error.code === 'egress_not_allowed') return fail(error.message);
  if (error.code === 'provider_rate_limited') {
    const delaySeconds = Math.min(MAX_DELAY_SECONDS, Number(error.detail?.retryAfterSeconds ?? 60));
    await db
      .updateTable('job')
      .set({ status: 'waiting', last_error: 'Rate limited; continuing when the limit resets.', next_run_at: now + delaySeconds * 1000, updated_at: now })
      .where('id', '=', jobId)
      .execute();
    await db.updateTable('repository').set({ sync_status: 'rate-limited', updated_at: now }).where('id', '=', repositoryId).execute();
    return { status: 'wait', delaySeconds };
  }
  if (attempts >= MAX_ATTEMPTS) return fail(`${error.message} (gave up after ${MAX_ATTEMPTS} attempts; use Sync now to try again).`);
  // Capped exponential backoff with jitter, so many repositories do not retry in step.
  const delaySeconds = Math.min(MAX_DELAY_SECONDS, 2 ** attempts * 5 + Math.floor(Math.random() * 5));
  await db
    .updateTable('job')
    .set({ status: 'waiting', attempts, last_error: error.message, next_run_at: now + delaySeconds * 1000, updated_at: now })
    .where('id', '=', jobId)
    .execute();
  return { status: 'wait', delaySeconds };
}
