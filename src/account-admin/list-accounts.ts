import type { Database } from '../storage/database';
import type { AccountTable } from '../storage/schema';

export interface AccountOverview {
  id: string;
  provider: AccountTable['provider'];
  hostUrl: string;
  name: string;
  status: string;
  repositoryCount: number;
  linkedRepositoryCount: number;
  /** Linked repositories whose history is still being read. */
  syncingRepositoryCount: number;
  lastSyncAt: number | null;
}

/** Every linked account with its repository counts, for the admin page's list. Secrets are not in the store. */
export async function listAccounts({ db }: Database): Promise<AccountOverview[]> {
  const rows = await db
    .selectFrom('account')
    .leftJoin('repository', 'repository.account_id', 'account.id')
    .select([
      'account.id',
      'account.provider',
      'account.host_url',
      'account.name',
      'account.status',
      (eb) => eb.fn.count<number | string>('repository.id').as('repository_count'),
      (eb) => eb.fn.sum<number | string | null>('repository.linked').as('linked_count'),
      (eb) => eb.fn.sum<number | string | null>(eb.case().when('repository.sync_status', 'in', ['queued', 'syncing', 'rate-limited']).then(1).else(0).end()).as('syncing_count'),
      (eb) => eb.fn.max('repository.last_sync_at').as('last_sync_at'),
    ])
    .groupBy(['account.id', 'account.provider', 'account.host_url', 'account.name', 'account.status'])
    .orderBy('account.name')
    .orderBy('account.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    provider: row.provider,
    hostUrl: row.host_url,
    name: row.name,
    status: row.status,
    repositoryCount: Number(row.repository_count),
    linkedRepositoryCount: Number(row.linked_count ?? 0),
    syncingRepositoryCount: Number(row.syncing_count ?? 0),
    lastSyncAt: row.last_sync_at === null || row.last_sync_at === undefined ? null : Number(row.last_sync_at),
  }));
}
