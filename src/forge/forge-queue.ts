import { InvocationLimitReachedError, Queue } from '@forge/events';
import { ChainExhaustedError } from '../jobs/job-chain';
import { planPushes } from '../jobs/queue-limits';
import type { JobQueue } from '../ports/queue';

const BACKFILL_QUEUE_KEY = 'backfill-queue';

/** Forge's async events, pushed in requests that stay within its per-push limits. */
export function forgeQueue(key: string = BACKFILL_QUEUE_KEY): JobQueue {
  const queue = new Queue({ key });
  return {
    async push(jobs) {
      for (const push of planPushes(jobs)) {
        try {
          await queue.push(push.map((job) => ({ body: job.body, delayInSeconds: job.delayInSeconds })));
        } catch (error) {
          // The chain this invocation belongs to has made its 1,000 pushes: the caller hands its work over.
          if (error instanceof InvocationLimitReachedError) throw new ChainExhaustedError();
          throw error;
        }
      }
    },
  };
}
