import { AppError } from '../errors/app-error';
import type { QueuedJob } from '../ports/queue';

/**
 * Forge's async-event limits ("Async events limits", developer.atlassian.com/platform/forge/limits-async-events):
 * 50 events and 200 KB per push request; 100 KB per event when the consumer's function runs longer than
 * 55 s (ours has `timeoutSeconds: 900`); 1,000 push requests in one chain of invocations that starts from a
 * single invocation ("cyclic invocation limit"); a delay of at most 15 minutes.
 */
export const QUEUE_LIMITS = {
  eventsPerPush: 50,
  pushBytes: 200 * 1024,
  eventBytes: 100 * 1024,
  pushesPerChain: 1_000,
  maxDelaySeconds: 900,
} as const;

class QueueLimitError extends AppError {
  constructor(reason: string) {
    super('queue_limit', `Forge's queue would refuse this: ${reason}`);
  }
}

/** The bytes Forge counts for one event: its body as JSON. */
export function eventBytes(job: QueuedJob): number {
  return Buffer.byteLength(JSON.stringify(job.body));
}

/**
 * Splits jobs into push requests within Forge's limits. An event that is too large on its own is a bug
 * in its producer (bodies carry ids and cursors, never data), so it is refused here, where it is made.
 */
export function planPushes(jobs: QueuedJob[]): QueuedJob[][] {
  const pushes: QueuedJob[][] = [];
  let current: QueuedJob[] = [];
  let bytes = 0;
  for (const job of jobs) {
    const size = eventBytes(job);
    if (size > QUEUE_LIMITS.eventBytes) throw new QueueLimitError(`a ${String(job.body.kind)} event of ${size} bytes is over 100 KB.`);
    if ((job.delayInSeconds ?? 0) > QUEUE_LIMITS.maxDelaySeconds) throw new QueueLimitError(`a delay of ${job.delayInSeconds} s is over 15 minutes.`);
    if (current.length > 0 && (current.length === QUEUE_LIMITS.eventsPerPush || bytes + size > QUEUE_LIMITS.pushBytes)) {
      pushes.push(current);
      current = [];
      bytes = 0;
    }
    current.push(job);
    bytes += size;
  }
  if (current.length > 0) pushes.push(current);
  return pushes;
}
