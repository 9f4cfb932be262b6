import type { JobQueue, QueuedJob } from '../ports/queue';

export type JobConsumer = (body: Record<string, unknown>) => Promise<void>;

/**
 * The sandbox's stand-in for Forge's queue: jobs run in this process after their delay. A job that throws
 * is reported to `onError` and retried like Forge retries (up to `maxAttempts`), never dropped silently.
 */
export function inProcessQueue(consume: JobConsumer, onError: (error: unknown, job: QueuedJob) => void, maxAttempts = 4) {
  const pending = new Set<Promise<void>>();
  const timers = new Set<NodeJS.Timeout>();

  const run = (job: QueuedJob, attempt: number) => {
    const task = consume(job.body).catch((error: unknown) => {
      onError(error, job);
      if (attempt < maxAttempts) schedule({ ...job, delayInSeconds: 2 ** attempt }, attempt + 1);
    });
    pending.add(task);
    void task.finally(() => pending.delete(task));
  };
  const schedule = (job: QueuedJob, attempt: number) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run(job, attempt);
    }, (job.delayInSeconds ?? 0) * 1000);
    timers.add(timer);
  };

  const queue: JobQueue & { idle(): Promise<void>; stop(): void } = {
    async push(jobs) {
      for (const job of jobs) schedule(job, 1);
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
