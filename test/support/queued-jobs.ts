import type { JobQueue, QueuedJob } from '../../src/ports/queue';

/**
 * A queue that keeps jobs for a test to run by hand. Jira sync runs are left out: they follow their own
 * clock (a run that finds work waiting queues itself again a minute later) and have their own tests.
 */
export function collectJobs(queued: QueuedJob[]): JobQueue['push'] {
  return async (jobs) => void queued.push(...jobs.filter((job) => job.body.kind !== 'jira-sync'));
}
