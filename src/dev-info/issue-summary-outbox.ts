import { sql } from 'kysely';
import type { Database } from '../storage/database';
import type { Ports } from '../ports/ports';
import { larger, upsertRows } from '../storage/upsert';
import { batchesBySize } from '../storage/upsert';
import { repositoryIssueKeys } from './repository-links';

/** No issue's property is written more often than this, however busy its repositories are. */
export const SUMMARY_MIN_INTERVAL_MS = 60_000;
const MAX_ATTEMPTS = 5;

/**
 * Marks issues whose `dvcs-link.summary` property must be sent again; cheap enough for every write. An
 * issue is due now, or a minute after it was last sent.
 */
export async function markIssuesChanged(database: Database, issueKeys: Iterable<string>, now: number): Promise<void> {
  const rows = [...new Set(issueKeys)].map((issue_key) => ({ issue_key, changed_at: now, pushed_at: null, due_at: now, issue_id: null, attempts: 0, last_error: null }));
  for (const batch of batchesBySize(rows)) {
    await upsertRows(database, 'issue_summary', batch, ['issue_key'], {
      changed_at: ({ incoming }) => incoming,
      attempts: ({ incoming }) => incoming,
      due_at: ({ incoming, ref }) =>
        sql`case when ${ref.existing('pushed_at')} is null then ${incoming} else ${larger(incoming, sql`${ref.existing('pushed_at')} + ${SUMMARY_MIN_INTERVAL_MS}`)} end`,
    });
  }
}

/** Marks every issue these repositories link, a page of links at a time, before their links change wholesale. */
export async function markRepositoryIssuesChanged(database: Database, repositoryIds: string[], now: number): Promise<void> {
  for (const repositoryId of repositoryIds) {
    for await (const issueKeys of repositoryIssueKeys(database, repositoryId)) await markIssuesChanged(database, issueKeys, now);
  }
}

/** Marks issues to be sent again a minute after a failure, and gives up on those that failed too often. */
export async function summariesFailed(ports: Ports, issueKeys: string[], message: string): Promise<void> {
  if (issueKeys.length === 0) return;
  const { db } = ports.database;
  const now = ports.clock.now();
  await db
    .updateTable('issue_summary')
    .set({ attempts: sql`attempts + 1`, last_error: message.slice(0, 1000), due_at: now + SUMMARY_MIN_INTERVAL_MS })
    .where('issue_key', 'in', issueKeys)
    .execute();
  const dropped = await db.deleteFrom('issue_summary').where('issue_key', 'in', issueKeys).where('attempts', '>=', MAX_ATTEMPTS).executeTakeFirst();
  if (Number(dropped.numDeletedRows) > 0) ports.log.warn('issue summaries given up after repeated failures', { issues: Number(dropped.numDeletedRows), error: message });
}
