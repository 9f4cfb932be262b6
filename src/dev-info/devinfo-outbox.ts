import { parseAccountSettings } from '../accounts/account-settings';
import type { Database } from '../storage/database';
import type { DevinfoOutboxTable } from '../storage/schema';
import { repositoryLinkPages } from './repository-links';
import { deleteInBatches } from '../storage/delete-in-batches';
import { batchesBySize, upsertRows } from '../storage/upsert';

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
  const rows = items.map((item) => ({
    repository_id: repositoryId,
    item_kind: item.kind,
    item_key: item.key,
    changed_at: now,
    attempts: 0,
    next_attempt_at: now,
    last_error: null,
  }));
  for (const batch of batchesBySize(rows)) {
    await upsertRows(database, 'devinfo_outbox', batch, ['repository_id', 'item_kind', 'item_key'], {
      changed_at: ({ incoming }) => incoming,
      attempts: ({ incoming }) => incoming,
      next_attempt_at: ({ incoming }) => incoming,
      last_error: ({ incoming }) => incoming,
    });
  }
}

/** Queues everything these repositories link (e.g. when an admin switches mirroring on), a page of links at a time. */
export async function queueDevinfoRepositories(database: Database, repositoryIds: string[], now: number): Promise<void> {
  for (const repositoryId of repositoryIds) {
    for await (const page of repositoryLinkPages(database, repositoryId)) {
      const items = new Map(page.map((link) => [`${link.item_kind}\n${link.item_key}`, { kind: link.item_kind, key: link.item_key }]));
      await queueDevinfoItems(database, repositoryId, [...items.values()], now);
    }
  }
}

/** Replaces whatever is queued for these repositories by one request to delete each from Jira. */
export async function queueDevinfoRepositoryDeletes(database: Database, repositoryIds: string[], now: number): Promise<void> {
  if (repositoryIds.length === 0) return;
  for (const repositoryId of repositoryIds) {
    await deleteInBatches(database, 'devinfo_outbox', [
      ['repository_id', '=', repositoryId],
      ['item_kind', '<>', 'repository'],
    ]);
  }
  const rows = repositoryIds.map((repository_id) => ({
    repository_id,
    item_kind: 'repository' as const,
    item_key: '',
    changed_at: now,
    attempts: 0,
    next_attempt_at: now,
    last_error: null,
  }));
  await upsertRows(database, 'devinfo_outbox', rows, ['repository_id', 'item_kind', 'item_key'], {
    changed_at: ({ incoming }) => incoming,
    attempts: ({ incoming }) => incoming,
    next_attempt_at: ({ incoming }) => incoming,
    last_error: ({ incoming }) => incoming,
  });
}
