import { connectAccount } from '../accounts/host-connection';
import { recordEvents, recordTargetOf } from '../dev-info/record-events';
import { isAppError } from '../errors/app-error';
import type { DevEvent, RepositoryRef } from '../git-hosts/dev-event';
import type { ProjectKeyDirectory } from '../issue-keys/project-key-directory';
import type { Ports } from '../ports/ports';
import { SLICE_BUDGET_MS, type SliceOutcome } from './backfill';

/** A push whose payload did not carry all its commits, and where reading it stopped last time. */
export interface FetchPushJob {
  repositoryId: string;
  branch: string;
  before: string | null;
  headSha: string;
  cursor?: string | null;
}

/**
 * Reads the commits a truncated push brought (GitHub's compare, Bitbucket's commits with `exclude`), page
 * by page within the slice budget. A new branch has no `before`, so its first page of history stands in.
 */
export async function runFetchPush(ports: Ports, projectKeys: ProjectKeyDirectory, job: FetchPushJob, budgetMs = SLICE_BUDGET_MS): Promise<SliceOutcome & { cursor?: string }> {
  const started = ports.clock.now();
  const { db } = ports.database;
  const repository = await db.selectFrom('repository').selectAll().where('id', '=', job.repositoryId).executeTakeFirst();
  if (!repository || Number(repository.linked) !== 1) return { status: 'done' };
  try {
    const connection = await connectAccount(ports, repository.account_id);
    const target = await recordTargetOf(ports, repository);
    const ref: RepositoryRef = { providerRepoId: repository.provider_repo_id, fullName: repository.full_name, url: repository.url };
    let cursor = job.cursor ?? null;
    for (;;) {
      const { before, headSha } = job;
      const page = await connection.call((host, token) => (before ? host.commitsBetween(token, ref, before, headSha, cursor) : host.commits(token, ref, headSha, cursor)));
      const events: DevEvent[] = [{ kind: 'push', repository: ref, branch: '', branchUrl: '', headSha: '', commits: page.items, truncated: false, before: null }];
      await recordEvents(ports, projectKeys, target, events);
      if (!page.next || !job.before) return { status: 'done' };
      cursor = page.next;
      if (ports.clock.now() - started >= budgetMs) return { status: 'continue', cursor };
    }
  } catch (error) {
    if (!isAppError(error)) throw error;
    if (error.code === 'provider_rate_limited')
      return { status: 'wait', delaySeconds: Math.min(900, Number(error.detail?.retryAfterSeconds ?? 60)), ...(job.cursor ? { cursor: job.cursor } : {}) };
    const message = `Could not read the rest of a push to ${job.branch}: ${error.message}`;
    await db.updateTable('repository').set({ last_error: message, updated_at: ports.clock.now() }).where('id', '=', job.repositoryId).execute();
    return { status: 'failed', message };
  }
}
