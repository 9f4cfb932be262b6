/** A job for the backfill consumer. Bodies stay small (Forge allows 200 KB per push, 4 KB of retry data). */
export interface QueuedJob {
  body: Record<string, unknown>;
  delayInSeconds?: number;
}

export interface JobQueue {
  push(jobs: QueuedJob[]): Promise<void>;
}
