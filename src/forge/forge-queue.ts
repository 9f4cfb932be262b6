import { Queue } from '@forge/events';
import type { JobQueue } from '../ports/queue';

export const BACKFILL_QUEUE_KEY = 'backfill-queue';

/** Forge's async events; a push carries at most 50 events, so larger batches are split. */
export function forgeQueue(key: string = BACKFILL_QUEUE_KEY): JobQueue {
  const queue = new Queue({ key });
  return {
    async push(jobs) {
      for (let start = 0; start < jobs.length; start += 50) {
        await queue.push(
          jobs.slice(start, start + 50).map((job) => ({ body: job.body, delayInSeconds: job.delayInSeconds })),
        );
      }
    },
  };
}
