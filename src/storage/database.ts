import type { Kysely } from 'kysely';
import type { Schema } from './schema';

/**
 * The store. Forge SQL runs one statement per request and has no multi-statement transactions, so the
 * repository layer writes with single-statement idempotent upserts; `dialect` picks the upsert syntax.
 */
export interface Database {
  readonly db: Kysely<Schema>;
  readonly dialect: 'mysql' | 'sqlite';
}
