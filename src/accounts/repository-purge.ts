import { queueDevinfoRepositoryDeletes } from '../jira-sync/devinfo-outbox';
import { markRepositoryIssuesChanged } from '../jira-sync/issue-summary-outbox';
import type { Database } from '../ports/database';

const PURGE_BATCH = 5000;
const TABLES = ['issue_link', 'dev_commit', 'dev_branch', 'dev_pull_request', 'delivery', 'job', 'branch_head', 'smart_commit'] as const;

/**
 * Removes everything stored for these repositories. Deletes go in bounded batches so that no statement
 * runs into Forge SQL's 10-second limit on a large repository. Deleting a repository from Jira's development
 * information is queued whether or not the account mirrors, since it may have mirrored before.
 */
export async function purgeRepositoryData(database: Database, repositoryIds: string[], now: number): Promise<number> {
  if (repositoryIds.length === 0) return 0;
  // The issues' summaries in Jira drop these repositories' counts; a copy in Jira's development
  // information (if the account mirrored) is deleted with them.
  await markRepositoryIssuesChanged(database, repositoryIds, now);
  let removed = 0;
  for (const table of TABLES) {
    for (;;) {
      const query =
        database.dialect === 'mysql'
          ? database.db.deleteFrom(table).where('repository_id', 'in', repositoryIds).limit(PURGE_BATCH)
          : // SQLite's DELETE has no LIMIT unless compiled in; a keyed sub-select bounds it instead.
            database.db.deleteFrom(table).where('rowid' as never, 'in', (eb: any) => eb.selectFrom(table).select('rowid').where('repository_id', 'in', repositoryIds).limit(PURGE_BATCH));
      const result = await query.executeTakeFirst();
      const count = Number(result.numDeletedRows);
      removed += count;
      if (count < PURGE_BATCH) break;
    }
  }
  await queueDevinfoRepositoryDeletes(database, repositoryIds, now);
  return removed;
}
