import { queueDevinfoRepositoryDeletes } from './devinfo-outbox';
import { markIssuesChanged } from './issue-summary-outbox';
import type { Ports } from '../ports/ports';
import { linkPage } from './repository-links';
import { deleteBatch, DELETE_BATCH } from '../storage/delete-in-batches';

const TABLES = [
  'dev_commit',
  'dev_branch',
  'dev_pull_request',
  'dev_pull_request_reviewer',
  'dev_build',
  'dev_deployment',
  'delivery',
  'job',
  'branch_head',
  'smart_commit',
] as const;

export const PURGE_JOB = 'purge';

/**
 * Removes a little more of what is stored for an unlinked or deleted repository, for at most `budgetMs`;
 * true once nothing is left. Links go first, a page at a time, each page's issues marked for a fresh
 * summary in Jira; then the items, in bounded batches. Deleting the repository from Jira's development
 * information is queued whether or not the account mirrors, since it may have mirrored before.
 * The panel stops showing the repository at once (it only reads linked repositories): this is clean-up.
 */
export async function purgeRepositorySlice(ports: Ports, repositoryId: string, budgetMs = 20_000): Promise<boolean> {
  const { db } = ports.database;
  const started = ports.clock.now();
  const outOfTime = () => ports.clock.now() - started >= budgetMs;
  await queueDevinfoRepositoryDeletes(ports.database, [repositoryId], started);
  for (;;) {
    if (outOfTime()) return false;
    const page = await linkPage(ports.database, repositoryId, null);
    if (page.length === 0) break;
    await markIssuesChanged(
      ports.database,
      page.map((link) => link.issue_key),
      ports.clock.now(),
    );
    for (const kind of new Set(page.map((link) => link.item_kind))) {
      const items = [...new Set(page.filter((link) => link.item_kind === kind).map((link) => link.item_key))];
      await db.deleteFrom('issue_link').where('repository_id', '=', repositoryId).where('item_kind', '=', kind).where('item_key', 'in', items).execute();
    }
  }
  for (const table of TABLES) {
    for (;;) {
      if (outOfTime()) return false;
      if ((await deleteBatch(ports.database, table, [['repository_id', '=', repositoryId]])) < DELETE_BATCH) break;
    }
  }
  return true;
}

/** Queues the clean-up of repositories whose data must go. */
export async function queuePurge(ports: Ports, repositoryIds: string[]): Promise<void> {
  if (repositoryIds.length > 0) await ports.queue.push(repositoryIds.map((repositoryId) => ({ body: { kind: PURGE_JOB, repositoryId } })));
}
