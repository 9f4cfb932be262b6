import { AsyncLocalStorage } from 'node:async_hooks';
import { ChainExhaustedError } from '../jobs/job-chain';
import { planPushes, QUEUE_LIMITS } from '../jobs/queue-limits';
import type { JobQueue, QueuedJob } from '../ports/queue';

export type JobConsumer = (body: Record<string, unknown>) => Promise<void>;

/** The chain a job belongs to: every push request made by it or its descendants counts, as on Forge. */
interface Chain {
  pushes: number;
}

/**
 * The sandbox's stand-in for Forge's queue: jobs run in this process after their delay. It refuses what
 * Forge refuses (events over 100 KB, more than 1,000 push requests in one chain) and splits pushes as
 * Forge's limits require. A job that throws is reported to `onError` and retried like Forge retries (up to
 * `maxAttempts`), never dropped silently.
 */
export function inProcessQueue(consume: JobConsumer, onError: (error: unknown, job: QueuedJob) => void, maxAttempts = 4) {
  const pending = new Set<Promise<void>>();
  const timers = new Set<NodeJS.Timeout>();
  const chains = new AsyncLocalStorage<Chain>();

  const run = (job: QueuedJob, attempt: number, chain: Chain) => {
    const task = chains
      .run(chain, () => consume(job.body))
      .catch((error: unknown) => {
        onError(error, job);
        if (attempt < maxAttempts) schedule({ ...job, delayInSeconds: 2 ** attempt }, attempt + 1, chain);
      });
    pending.add(task);
    void task.finally(() => pending.delete(task));
  };
  const schedule = (job: QueuedJob, attempt: number, chain: Chain) => {
    const timer = setTimeout(
      () => {
        timers.delete(timer);
        run(job, attempt, chain);
      },
      (job.delayInSeconds ?? 0) * 1000,
    );
    timers.add(timer);
  };

  const queue: JobQueue & { idle(): Promise<void>; stop(): void } = {
    async push(jobs) {
      // A push from outside any job (a webtrigger, a page, a scheduled trigger) starts a chain.
      const chain = chains.getStore() ?? { pushes: 0 };
      for (const request of planPushes(jobs)) {
        if (chain.pushes >= QUEUE_LIMITS.pushesPerChain) throw new ChainExhaustedError();
        chain.pushes += 1;
        for (const job of request) schedule(job, 1, chain);
      }
    },
    /** Resolves once every job started so far has finished (jobs still waiting on a delay are not awaited). */
    async idle() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    stop() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
  return queue;
}
