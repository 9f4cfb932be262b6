import type { RepositoryResults } from '../accounts/account-status';
import type { Database } from '../storage/database';

/** A repository in one of these is still reading its history (or waiting to): its last result is not in yet. */
const SYNC_IN_PROGRESS = ['queued', 'syncing'] as const;
const NOT_SETTLED = [...SYNC_IN_PROGRESS, 'rate-limited'];

export interface AccountRepositoryFacts extends RepositoryResults {
  /** The newest successful sync through the host's API, of any linked repository. */
  lastSyncAt: number | null;
  /** The newest webhook delivery to any linked repository (the delivery log keeps a week). */
  lastDeliveryAt: number | null;
}

const EMPTY: AccountRepositoryFacts = { linked: 0, inProgress: 0, rateLimited: 0, failed: 0, latestError: null, lastSyncAt: null, lastDeliveryAt: null };

const asNumber = (value: unknown) => (value === null || value === undefined ? null : Number(value));

/**
 * The last results of the linked repositories of the given accounts, counted per account: the one place the
 * list and an account's page read them from, so the two cannot disagree. A repository has failed when its
 * last attempt left an error and no newer attempt is under way.
 */
export async function accountRepositoryFacts({ db }: Database, accountIds: string[]): Promise<Map<string, AccountRepositoryFacts>> {
  const facts = new Map(accountIds.map((id) => [id, { ...EMPTY }]));
  if (accountIds.length === 0) return facts;
  const linked = db.selectFrom('repository').where('repository.linked', '=', 1).where('repository.account_id', 'in', accountIds);
  const [counts, deliveries, failures] = await Promise.all([
    linked
      .select([
        'repository.account_id',
        (eb) => eb.fn.countAll<number | string>().as('linked'),
        (eb) =>
          eb.fn
            .sum<number | string | null>(
              eb
                .case()
                .when('repository.sync_status', 'in', [...SYNC_IN_PROGRESS])
                .then(1)
                .else(0)
                .end(),
            )
            .as('in_progress'),
        (eb) => eb.fn.sum<number | string | null>(eb.case().when('repository.sync_status', '=', 'rate-limited').then(1).else(0).end()).as('rate_limited'),
        (eb) =>
          eb.fn
            .sum<number | string | null>(
              eb
                .case()
                .when(eb.and([eb('repository.last_error', 'is not', null), eb('repository.sync_status', 'not in', NOT_SETTLED)]))
                .then(1)
                .else(0)
                .end(),
            )
            .as('failed'),
        (eb) => eb.fn.max('repository.last_sync_at').as('last_sync_at'),
      ])
      .groupBy('repository.account_id')
      .execute(),
    linked
      .innerJoin('delivery', 'delivery.repository_id', 'repository.id')
      .select(['repository.account_id', (eb) => eb.fn.max('delivery.received_at').as('last_delivery_at')])
      .groupBy('repository.account_id')
      .execute(),
    // Few rows in practice (failing repositories); the newest first, so the first per account is its latest.
    linked
      .select(['repository.account_id', 'repository.full_name', 'repository.last_error'])
      .where('repository.last_error', 'is not', null)
      .where('repository.sync_status', 'not in', NOT_SETTLED)
      .orderBy('repository.updated_at', 'desc')
      .orderBy('repository.id')
      .limit(500)
      .execute(),
  ]);
  for (const row of counts) {
    const entry = facts.get(row.account_id);
    if (!entry) continue;
    entry.linked = Number(row.linked);
    entry.inProgress = Number(row.in_progress ?? 0);
    entry.rateLimited = Number(row.rate_limited ?? 0);
    entry.failed = Number(row.failed ?? 0);
    entry.lastSyncAt = asNumber(row.last_sync_at);
  }
  for (const row of deliveries) {
    const entry = facts.get(row.account_id);
    if (entry) entry.lastDeliveryAt = asNumber(row.last_delivery_at);
  }
  for (const row of failures) {
    const entry = facts.get(row.account_id);
    if (entry && !entry.latestError && row.last_error) entry.latestError = { fullName: row.full_name, message: row.last_error };
  }
  return facts;
}
