import { sql } from 'kysely';
import type { Database } from '../ports/database';
import { batchesBySize, upsertRows, upsertSelected } from '../storage/upsert';

/** Marks issues whose `dvcs-link.summary` property must be sent again; cheap enough for every write. */
export async function markIssuesChanged(database: Database, issueKeys: Iterable<string>, now: number): Promise<void> {
  const rows = [...new Set(issueKeys)].map((issue_key) => ({ issue_key, changed_at: now, pushed_at: null, attempts: 0, last_error: null }));
  for (const batch of batchesBySize(rows)) {
    await upsertRows(database, 'issue_summary', batch, ['issue_key'], { changed_at: ({ incoming }) => incoming, attempts: ({ incoming }) => incoming });
  }
}

/** Marks every issue these repositories link to, in one statement, before their links change wholesale. */
export async function markRepositoryIssuesChanged(database: Database, repositoryIds: string[], now: number): Promise<void> {
  if (repositoryIds.length === 0) return;
  const linked = database.db
    .selectFrom('issue_link')
    .select(['issue_key', sql<number>`${now}`.as('changed_at'), sql<number>`0`.as('attempts')])
    .where('repository_id', 'in', repositoryIds)
    .distinct();
  await upsertSelected(database, 'issue_summary', ['issue_key', 'changed_at', 'attempts'], linked, ['issue_key'], ['changed_at']);
}
