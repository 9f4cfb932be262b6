import { ProjectKeyDirectory } from '../issue-keys/project-key-directory';
import type { Ports } from '../ports/ports';
import { runBackfillSlice } from './backfill';

/** A backfill chain that has not moved for this long is restarted by the hourly trigger. */
const STALLED_AFTER_MS = 20 * 60 * 1000;

/**
 * The backfill consumer and the hourly trigger. Each queued job runs one bounded slice and queues its own
 * continuation; the hourly run restarts chains that stopped (Forge ends a chain after 1,000 pushes, and a
 * crash can drop a continuation), so no backfill is left half done.
 */
export function syncHandlers(ports: Ports) {
  const projectKeys = new ProjectKeyDirectory(() => ports.jira.asApp(), ports.clock);
  return {
    async runBackfillJob(body: Record<string, unknown>): Promise<void> {
      const repositoryId = typeof body.repositoryId === 'string' ? body.repositoryId : undefined;
      if (!repositoryId) {
        ports.log.warn('backfill job without a repository ignored', { kind: String(body.kind) });
        return;
      }
      // A truncated push is repaired by the same history read as a first link; the upserts keep it idempotent.
      const outcome = await runBackfillSlice(ports, projectKeys, repositoryId);
      ports.log.info('backfill slice', { repositoryId, outcome: outcome.status });
      if (outcome.status === 'continue') await ports.queue.push([{ body: { kind: 'backfill', repositoryId } }]);
      if (outcome.status === 'wait') await ports.queue.push([{ body: { kind: 'backfill', repositoryId }, delayInSeconds: outcome.delaySeconds }]);
    },
    async reconcile(): Promise<{ repositoriesChecked: number; backfillsRestarted: number }> {
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
      const linked = await ports.database.db
        .selectFrom('repository')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('linked', '=', 1)
        .executeTakeFirst();
      const result = { repositoriesChecked: Number(linked?.n ?? 0), backfillsRestarted: due.length };
      ports.log.info('reconciliation ran', result);
      return result;
    },
  };
}

