import { AppError } from '../errors/app-error';
import type { Ports } from '../ports/ports';
import type { QueuedJob } from '../ports/queue';
import { QUEUE_LIMITS } from './queue-limits';

/**
 * Long work (a backfill, a re-link, a clean-up) runs as a chain of queued slices, each queueing the next.
 * Forge stops a chain after 1,000 push requests that descend from one invocation, so every continuation
 * counts its hops in its body, and when a chain is nearly spent the work is handed over: stored in the
 * `job` table and queued again by the five-minute scheduled trigger, which starts a fresh chain. A
 * 200,000-commit history thus never waits for the hourly restart.
 */
export const CHAIN_HANDOVER_AT = 800;

export class ChainExhaustedError extends AppError {
  constructor() {
    super('chain_exhausted', 'This chain of queued work has reached Forge’s limit of 1,000 pushes; the five-minute trigger continues it.');
  }
}

const HANDOVER = 'handover';

/** How many pushes led to this job, counted along its chain. */
export function hopsOf(body: Record<string, unknown>): number {
  return typeof body.hops === 'number' && Number.isFinite(body.hops) ? body.hops : 0;
}

/**
 * Queues `next` as the continuation of the job whose body is `current`, in the same chain; or, when the
 * chain is nearly spent (or Forge says it is), hands it over to the five-minute trigger. `handoverId`
 * names the work, so handing the same work over twice keeps one row.
 */
export async function continueChain(ports: Ports, current: Record<string, unknown>, next: QueuedJob, handoverId: string): Promise<'queued' | 'handed-over'> {
  const hops = hopsOf(current) + 1;
  if (hops < Math.min(CHAIN_HANDOVER_AT, QUEUE_LIMITS.pushesPerChain)) {
    try {
      await ports.queue.push([{ ...next, body: { ...next.body, hops } }]);
      return 'queued';
    } catch (error) {
      if (!(error instanceof ChainExhaustedError)) throw error;
    }
  }
  const now = ports.clock.now();
  const row = {
    id: `${HANDOVER}:${handoverId}`,
    repository_id: typeof next.body.repositoryId === 'string' ? next.body.repositoryId : '',
    kind: HANDOVER,
    status: 'waiting',
    cursor: JSON.stringify({ ...next.body, hops: 0 }),
    done: 0,
    total: null,
    attempts: 0,
    next_run_at: now + (next.delayInSeconds ?? 0) * 1000,
    last_error: null,
    created_at: now,
    updated_at: now,
  };
  await ports.database.db.deleteFrom('job').where('id', '=', row.id).execute();
  await ports.database.db.insertInto('job').values(row).execute();
  ports.log.info('queued work handed over to the next scheduled run', { work: handoverId, hops });
  return 'handed-over';
}

/** From a scheduled trigger (a fresh chain): queues the work handed over whose time has come. */
export async function resumeHandedOver(ports: Ports): Promise<number> {
  const { db } = ports.database;
  const now = ports.clock.now();
  const rows = await db
    .selectFrom('job')
    .select(['id', 'cursor'])
    .where('kind', '=', HANDOVER)
    .where('next_run_at', '<=', now)
    .orderBy('next_run_at')
    .orderBy('id')
    .limit(QUEUE_LIMITS.eventsPerPush * 4)
    .execute();
  if (rows.length === 0) return 0;
  await ports.queue.push(rows.map((row) => ({ body: JSON.parse(row.cursor ?? '{}') as Record<string, unknown> })));
  await db
    .deleteFrom('job')
    .where(
      'id',
      'in',
      rows.map((row) => row.id),
    )
    .execute();
  return rows.length;
}
