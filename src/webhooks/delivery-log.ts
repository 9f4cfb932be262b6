import { sql } from 'kysely';
import type { Database } from '../ports/database';
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
    [{ delivery_id: `${delivery.provider}:${delivery.id}`.slice(0, 191), provider: delivery.provider, received_at: delivery.at, repository_id: delivery.repositoryId, attempts: 1 }],
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
