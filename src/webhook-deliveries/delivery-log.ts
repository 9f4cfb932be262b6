import { sql } from 'kysely';
import type { Database } from '../storage/database';
import { deleteInBatches } from '../storage/delete-in-batches';
import { upsertRows } from '../storage/upsert';

/**
 * Remembers each delivery (and how often it arrived) for diagnostics. It does not gate processing:
 * every write is an idempotent upsert, so a redelivery stores nothing twice, and an admin who presses
 * "Redeliver" after fixing a setting gets the delivery applied rather than skipped.
 */
export async function recordDelivery(database: Database, delivery: { id: string; provider: string; repositoryId: string | null; at: number }): Promise<void> {
  await upsertRows(
    database,
    'delivery',
    [
      {
        delivery_id: `${delivery.provider}:${delivery.id}`.slice(0, 191),
        provider: delivery.provider,
        received_at: delivery.at,
        repository_id: delivery.repositoryId,
        attempts: 1,
      },
    ],
    ['delivery_id'],
    {
      attempts: ({ existing }) => sql`${existing} + 1`,
      received_at: ({ incoming }) => incoming,
    },
  );
}

/** Counts a delivery to the account's URL whose signature did not match; one row per account. */
export async function countSignatureFailure(database: Database, accountId: string, at: number): Promise<void> {
  await upsertRows(database, 'signature_failure', [{ account_id: accountId, failures: 1, first_at: at, last_at: at }], ['account_id'], {
    failures: ({ existing }) => sql`${existing} + 1`,
    last_at: ({ incoming }) => incoming,
  });
}

/** How long deliveries are remembered: the diagnostics look back a week. */
const DELIVERY_LOG_DAYS = 7;
/** At most this many are kept, however many arrive: replays with fresh delivery ids cannot grow the store. */
const DELIVERY_LOG_MAX = 100_000;

/**
 * Forgets deliveries older than a week, and the oldest beyond the most recent 100,000, a bounded batch
 * per statement (the hourly run calls this). Returns how many went.
 */
export async function pruneDeliveryLog(database: Database, now: number, max = DELIVERY_LOG_MAX): Promise<number> {
  let cutoff = now - DELIVERY_LOG_DAYS * 24 * 3600 * 1000;
  const overflow = await database.db
    .selectFrom('delivery')
    .select('received_at')
    .orderBy('received_at', 'desc')
    .orderBy('delivery_id', 'desc')
    .limit(1)
    .offset(max)
    .executeTakeFirst();
  if (overflow) cutoff = Math.max(cutoff, Number(overflow.received_at) + 1);
  return deleteInBatches(database, 'delivery', [['received_at', '<', cutoff]]);
}
