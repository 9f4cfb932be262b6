import type { Ports } from '../ports/ports';
import type { QueuedJob } from '../ports/queue';
import { pushBuilds } from './push-builds';
import { pushDevinfo } from './push-devinfo';
import { pushIssueSummaries } from './push-issue-summaries';

export const JIRA_COPY_JOB = { kind: 'jira-sync' } as const;
/** How long after a write the first run starts, so a burst of pushes is sent as one batch. */
const KICK_DELAY_SECONDS = 5;
const KICK_EVERY_MS = 30_000;

/**
 * One run of the Jira-side copy: issue summary properties and, for mirroring accounts, development
 * information. Returns the continuation to queue, if any work is left.
 */
export async function runJiraCopy(ports: Ports): Promise<{
  next: QueuedJob | null;
  summaries: Awaited<ReturnType<typeof pushIssueSummaries>>;
  devinfo: Awaited<ReturnType<typeof pushDevinfo>>;
  builds: Awaited<ReturnType<typeof pushBuilds>>;
}> {
  const summaries = await pushIssueSummaries(ports);
  const devinfo = await pushDevinfo(ports);
  // Builds after development information: Jira ties a build to the commit it already knows.
  const builds = await pushBuilds(ports);
  const retryAfter = Math.max(summaries.retryAfterSeconds ?? 0, devinfo.retryAfterSeconds ?? 0, builds.retryAfterSeconds ?? 0);
  let next: QueuedJob | null = null;
  if (retryAfter > 0) next = { body: { ...JIRA_COPY_JOB }, delayInSeconds: retryAfter };
  else if (summaries.more || devinfo.more || builds.more) next = { body: { ...JIRA_COPY_JOB } };
  else if (summaries.waitSeconds !== null) next = { body: { ...JIRA_COPY_JOB }, delayInSeconds: summaries.waitSeconds };
  if (summaries.pushed + summaries.failed + devinfo.sent + devinfo.deleted + devinfo.failed + builds.sent + builds.failed > 0) {
    ports.log.info('jira copy ran', {
      summariesPushed: summaries.pushed,
      summariesFailed: summaries.failed,
      devinfoSent: devinfo.sent,
      devinfoDeleted: devinfo.deleted,
      devinfoFailed: devinfo.failed,
      buildsSent: builds.sent,
      buildsFailed: builds.failed,
    });
  }
  return { next, summaries, devinfo, builds };
}

/**
 * Starts a run of the Jira copy after writes, at most once per `KICK_EVERY_MS` per container: the run itself
 * continues while work is left, and a five-minute scheduled trigger catches anything a lost event missed.
 */
export class JiraCopyKick {
  private lastKick = Number.NEGATIVE_INFINITY;

  constructor(private readonly ports: Ports) {}

  async kick(): Promise<void> {
    const now = this.ports.clock.now();
    if (now - this.lastKick < KICK_EVERY_MS) return;
    this.lastKick = now;
    await this.ports.queue.push([{ body: { ...JIRA_COPY_JOB }, delayInSeconds: KICK_DELAY_SECONDS }]);
  }
}
