import { sql } from 'kysely';
import { parseAccountSettings } from '../accounts/account-settings';
import type { Database } from '../ports/database';
import type { DevinfoOutboxTable } from '../storage/schema';
import { batchesBySize, upsertRows, upsertSelected } from '../storage/upsert';

export type DevinfoItemKind = Exclude<DevinfoOutboxTable['item_kind'], 'repository'>;

/** Whether the repository's account copies its work to Jira's development information. */
export async function mirrorsDevelopmentInfo(database: Database, repositoryId: string): Promise<boolean> {
  const row = await database.db
    .selectFrom('repository')
    .innerJoin('account', 'account.id', 'repository.account_id')
    .select('account.settings')
    .where('repository.id', '=', repositoryId)
    .executeTakeFirst();
  return !!row && parseAccountSettings(row.settings).mirrorDevelopmentInfo;
}

/** Queues items to be sent to (or, when they no longer link anywhere, deleted from) Jira. */
export async function queueDevinfoItems(database: Database, repositoryId: string, items: Array<{ kind: DevinfoItemKind; key: string }>, now: number): Promise<void> {
  const rows = items.map((item) => ({ repository_id: repositoryId, item_kind: item.kind, item_key: item.key, changed_at: now, attempts: 0, next_attempt_at: now, last_error: null }));
  for (const batch of batchesBySize(rows)) {
    await upsertRows(database, 'devinfo_outbox', batch, ['repository_id', 'item_kind', 'item_key'], {
      changed_at: ({ incoming }) => incoming,
      attempts: ({ incoming }) => incoming,
      next_attempt_at: ({ incoming }) => incoming,
      last_error: ({ incoming }) => incoming,
    });
  }
}

/** Queues everything these repositories link, e.g. when an admin switches mirroring on or changes a scope. */
export async function queueDevinfoRepositories(database: Database, repositoryIds: string[], now: number): Promise<void> {
  if (repositoryIds.length === 0) return;
  const linked = database.db
    .selectFrom('issue_link')
    .select(['repository_id', 'item_kind', 'item_key', sql<number>`${now}`.as('changed_at'), sql<number>`0`.as('attempts'), sql<number>`${now}`.as('next_attempt_at')])
    .where('repository_id', 'in', repositoryIds)
    .distinct();
  await upsertSelected(database, 'devinfo_outbox', ['repository_id', 'item_kind', 'item_key', 'changed_at', 'attempts', 'next_attempt_at'], linked, ['repository_id', 'item_kind', 'item_key'], ['changed_at', 'next_attempt_at']);
}

/** Replaces whatever is queued for these repositories by one request to delete each from Jira. */
export async function queueDevinfoRepositoryDeletes(database: Database, repositoryIds: string[], now: number): Promise<void> {
  if (repositoryIds.length === 0) return;
  await database.db.deleteFrom('devinfo_outbox').where('repository_id', 'in', repositoryIds).execute();
  await database.db
    .insertInto('devinfo_outbox')
    .values(repositoryIds.map((repository_id) => ({ repository_id, item_kind: 'repository' as const, item_key: '', changed_at: now, attempts: 0, next_attempt_at: now, last_error: null })))
    .execute();
}
