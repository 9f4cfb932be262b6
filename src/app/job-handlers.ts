import type { ProjectKeyDirectory } from '../issue-keys/project-key-directory';
import type { Ports } from '../ports/ports';
import { relinkRepository, type RelinkCursor } from '../dev-info/relink-repository';
import { purgeRepositorySlice, PURGE_JOB } from '../dev-info/repository-purge';
import { isAppError } from '../errors/app-error';
import { giveUpSmartCommit, MAX_SMART_COMMIT_ATTEMPTS, runSmartCommit } from '../smart-commits/run-smart-commits';
import { runBackfillSlice, SLICE_BUDGET_MS } from '../host-sync/backfill';
import { runFetchPush, type FetchPushJob } from '../host-sync/fetch-push';
import { reconcileRepository } from '../host-sync/reconcile-repository';
import { JIRA_COPY_JOB, runJiraCopy, type JiraCopyKick } from '../jira-copy/jira-copy-job';
import { continueChain, hopsOf, resumeHandedOver } from '../jobs/job-chain';
import { pruneDeliveryLog } from '../webhook-deliveries/delivery-log';

/** A re-link job's cursor, as it came back from the queue. */
function relinkCursor(value: unknown): RelinkCursor | null {
  const cursor = value as Partial<RelinkCursor> | null | undefined;
  if (!cursor || !['commit', 'branch', 'pull_request', 'build', 'deployment'].includes(String(cursor.kind))) return null;
  return { kind: cursor.kind!, after: typeof cursor.after === 'string' ? cursor.after : null };
}

/** Jira-sync runs queued one after another before the five-minute trigger takes over. */
const JIRA_SYNC_HOPS = 100;

/** A backfill chain that has not moved for this long is restarted by the hourly trigger. */
const STALLED_AFTER_MS = 20 * 60 * 1000;
/** The hourly trigger may run 900 s; it stops starting repositories after this much. */
const RECONCILE_BUDGET_MS = 600_000;

/**
 * The backfill consumer and the hourly trigger. Each queued job runs one bounded slice and queues its own
 * continuation; the hourly run restarts chains that stopped (Forge ends a chain after 1,000 pushes, and a
 * crash can drop a continuation), so no backfill is left half done.
 */
export function jobHandlers(ports: Ports, services: { projectKeys: ProjectKeyDirectory; jiraCopy: JiraCopyKick }) {
  const sliceBudgetMs = ports.config.sliceBudgetMs ?? SLICE_BUDGET_MS;
  const { projectKeys, jiraCopy } = services;

  /**
   * Smart commits whose run was cut off (claimed, never finished) or whose retry event was lost go back
   * on the queue. Commands already settled stay settled, so nothing runs twice.
   */
  const resumeSmartCommits = async (now: number) => {
    const { db } = ports.database;
    const cutoff = now - STALLED_AFTER_MS;
    const waiting = await db
      .selectFrom('smart_commit')
      .select(['repository_id', 'sha'])
      .where('status', 'in', ['pending', 'retry', 'processing'])
      .where('updated_at', '<', cutoff)
      .orderBy('updated_at')
      .orderBy('repository_id')
      .orderBy('sha')
      .limit(500)
      .execute();
    await db.updateTable('smart_commit').set({ status: 'retry', updated_at: now }).where('status', '=', 'processing').where('updated_at', '<', cutoff).execute();
    const byRepository = new Map<string, string[]>();
    for (const row of waiting) byRepository.set(row.repository_id, [...(byRepository.get(row.repository_id) ?? []), row.sha]);
    if (byRepository.size > 0) await ports.queue.push([...byRepository].map(([repositoryId, shas]) => ({ body: { kind: 'smart-commits', repositoryId, shas } })));
  };

  /** One queued job for one repository: reconcile, re-link, smart commits, a pushed range or a backfill slice. */
  const runRepositoryJob = async (body: Record<string, unknown>, repositoryId: string): Promise<void> => {
    if (body.kind === 'reconcile') {
      try {
        await reconcileRepository(ports, projectKeys, repositoryId);
      } catch (error) {
        if (!isAppError(error)) throw error;
        await ports.database.db
          .updateTable('repository')
          .set({ sync_status: 'failed', last_error: error.message, updated_at: ports.clock.now() })
          .where('id', '=', repositoryId)
          .execute();
      }
      return;
    }
    if (body.kind === PURGE_JOB) {
      // A repository linked again before its clean-up finished keeps what it has; the backfill refreshes it.
      const repository = await ports.database.db.selectFrom('repository').select('linked').where('id', '=', repositoryId).executeTakeFirst();
      if (Number(repository?.linked ?? 0) === 1) return;
      if (!(await purgeRepositorySlice(ports, repositoryId, sliceBudgetMs)))
        await continueChain(ports, body, { body: { kind: PURGE_JOB, repositoryId } }, `${PURGE_JOB}:${repositoryId}`);
      return;
    }
    if (body.kind === 'relink') {
      const slice = await relinkRepository(ports, projectKeys, repositoryId, relinkCursor(body.cursor), sliceBudgetMs);
      if (slice.next) await continueChain(ports, body, { body: { kind: 'relink', repositoryId, cursor: slice.next } }, `relink:${repositoryId}`);
      else ports.log.info('repository re-linked', { repositoryId });
      return;
    }
    if (body.kind === 'smart-commits') {
      const shas = Array.isArray(body.shas) ? body.shas.filter((sha): sha is string => typeof sha === 'string') : [];
      const again: string[] = [];
      let attempts = 0;
      for (const sha of shas) {
        if ((await runSmartCommit(ports, projectKeys, repositoryId, sha)) !== 'retry') continue;
        const row = await ports.database.db.selectFrom('smart_commit').select('attempts').where('repository_id', '=', repositoryId).where('sha', '=', sha).executeTakeFirst();
        attempts = Math.max(attempts, Number(row?.attempts ?? 0));
        if (Number(row?.attempts ?? 0) >= MAX_SMART_COMMIT_ATTEMPTS) await giveUpSmartCommit(ports, repositoryId, sha);
        else again.push(sha);
      }
      if (again.length > 0)
        await continueChain(
          ports,
          body,
          { body: { kind: 'smart-commits', repositoryId, shas: again }, delayInSeconds: Math.min(900, 30 * 2 ** attempts) },
          `smart-commits:${repositoryId}:${again[0]}`,
        );
      return;
    }
    if (body.kind === 'fetch-push') {
      const job = body as unknown as FetchPushJob;
      const outcome = await runFetchPush(ports, projectKeys, job);
      if (outcome.status === 'continue' || outcome.status === 'wait') {
        await continueChain(
          ports,
          body,
          { body: { ...body, cursor: outcome.cursor ?? null }, ...(outcome.status === 'wait' ? { delayInSeconds: outcome.delaySeconds } : {}) },
          `fetch-push:${repositoryId}:${String(job.headSha ?? '')}`,
        );
      }
      return;
    }
    const outcome = await runBackfillSlice(ports, projectKeys, repositoryId, sliceBudgetMs);
    ports.log.info('backfill slice', { repositoryId, outcome: outcome.status });
    if (outcome.status === 'continue') await continueChain(ports, body, { body: { kind: 'backfill', repositoryId } }, `backfill:${repositoryId}`);
    if (outcome.status === 'wait') await continueChain(ports, body, { body: { kind: 'backfill', repositoryId }, delayInSeconds: outcome.delaySeconds }, `backfill:${repositoryId}`);
  };

  return {
    async runBackfillJob(body: Record<string, unknown>): Promise<void> {
      // The schema was brought up to date before this ran (the ports' schema gate): nothing else to do.
      if (body.kind === 'migrate') return;
      if (body.kind === JIRA_COPY_JOB.kind) {
        const { next } = await runJiraCopy(ports);
        // A long run of continuations stops here: the five-minute trigger starts a fresh chain for the rest.
        if (next && hopsOf(body) < JIRA_SYNC_HOPS) await ports.queue.push([{ ...next, body: { ...next.body, hops: hopsOf(body) + 1 } }]);
        return;
      }
      const repositoryId = typeof body.repositoryId === 'string' ? body.repositoryId : undefined;
      if (!repositoryId) {
        ports.log.warn('backfill job without a repository ignored', { kind: String(body.kind) });
        return;
      }
      try {
        await runRepositoryJob(body, repositoryId);
      } finally {
        // Whatever the job wrote (even if it then failed) is copied to Jira shortly after. Only the first
        // job of a chain asks, so a long chain stays a line; the five-minute trigger covers the rest.
        if (hopsOf(body) === 0) await jiraCopy.kick();
      }
    },
    /** The five-minute safety net for the Jira-side copy: runs whatever a lost event left waiting. */
    async jiraSync(): Promise<void> {
      // A fresh chain: work handed over by chains that reached Forge's push limit starts again here.
      await resumeHandedOver(ports);
      const { next } = await runJiraCopy(ports);
      if (next) await ports.queue.push([next]);
    },
    /**
     * The hourly run: restarts stalled backfills, then reconciles linked repositories, least recently
     * synced first, until its time budget is spent; the rest are first in line next hour.
     */
    async reconcile(budgetMs = RECONCILE_BUDGET_MS): Promise<{ repositoriesChecked: number; backfillsRestarted: number; failures: number }> {
      const now = ports.clock.now();
      const stalled = await ports.database.db
        .selectFrom('job')
        .select(['repository_id', 'next_run_at'])
        .where('kind', '=', 'backfill')
        .where('status', 'in', ['running', 'waiting'])
        .where('updated_at', '<', now - STALLED_AFTER_MS)
        .execute();
      const due = stalled.filter((job) => job.next_run_at === null || Number(job.next_run_at) <= now);
      if (due.length > 0) await ports.queue.push(due.map((job) => ({ body: { kind: 'backfill', repositoryId: job.repository_id } })));
      await resumeSmartCommits(now);
      await pruneDeliveryLog(ports.database, now);
      const busy = await ports.database.db.selectFrom('job').select('repository_id').where('kind', '=', 'backfill').where('status', 'in', ['running', 'waiting']).execute();
      const skip = new Set(busy.map((job) => job.repository_id));
      // An account never authorised only receives webhooks: there is nothing to read from its host, and trying
      // would only record a failure on each repository every hour.
      const candidates = await ports.database.db
        .selectFrom('repository')
        .innerJoin('account', 'account.id', 'repository.account_id')
        .select(['repository.id', 'repository.account_id', 'repository.full_name'])
        .where('repository.linked', '=', 1)
        .where('account.status', '<>', 'needs-authorisation')
        .orderBy('repository.last_sync_at', 'asc')
        .orderBy('repository.id')
        .execute();
      let repositoriesChecked = 0;
      let failures = 0;
      for (const repository of candidates) {
        if (skip.has(repository.id)) continue;
        if (ports.clock.now() - now >= budgetMs) break;
        try {
          await reconcileRepository(ports, projectKeys, repository.id);
          repositoriesChecked += 1;
        } catch (error) {
          if (!isAppError(error)) throw error;
          failures += 1;
          await ports.database.db.updateTable('repository').set({ last_error: error.message, updated_at: ports.clock.now() }).where('id', '=', repository.id).execute();
          ports.log.warn('reconciliation failed for a repository', { repositoryId: repository.id, code: error.code });
          // A rate limit applies to the whole account; the next hour picks up where this one stopped.
          if (error.code === 'provider_rate_limited') break;
        }
      }
      const result = { repositoriesChecked, backfillsRestarted: due.length, failures };
      ports.log.info('reconciliation ran', result);
      return result;
    },
  };
}
