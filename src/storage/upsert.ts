import { sql, type Expression, type Insertable, type RawBuilder } from 'kysely';
import type { Database } from './database';
import type { Schema } from './schema';

type Column<T extends keyof Schema> = keyof Schema[T] & string;

/** How one column of an existing row changes when an insert collides with it. */
export type ColumnUpdate = (values: { incoming: Expression<unknown>; existing: Expression<unknown>; ref: RefPair }) => Expression<unknown>;

/** References to any column's incoming and existing value, for updates that depend on other columns. */
export interface RefPair {
  incoming(column: string): RawBuilder<unknown>;
  existing(column: string): RawBuilder<unknown>;
}

export const takeIncoming: ColumnUpdate = ({ incoming }) => incoming;

function refs(database: Database, table: string): RefPair {
  return database.dialect === 'mysql'
    ? // In ON DUPLICATE KEY UPDATE, VALUES(c) is the row that collided and a bare c the stored row.
      { incoming: (column) => sql`values(${sql.ref(column)})`, existing: (column) => sql.ref(column) }
    : { incoming: (column) => sql`excluded.${sql.ref(column)}`, existing: (column) => sql.ref(`${table}.${column}`) };
}

/**
 * One INSERT ... ON DUPLICATE KEY UPDATE (MySQL, Forge SQL) or INSERT ... ON CONFLICT DO UPDATE (SQLite)
 * for a batch of rows. `update` lists the columns to change on a collision, in order: MySQL assigns them
 * left to right and later expressions see earlier assignments, so a column that others' updates read
 * (a version or timestamp) must come last. SQLite evaluates every expression against the stored row.
 */
export async function upsertRows<T extends keyof Schema>(
  database: Database,
  table: T,
  rows: Array<Insertable<Schema[T]>>,
  conflictColumns: Array<Column<T>>,
  update: Partial<Record<Column<T>, ColumnUpdate>>,
): Promise<number> {
  if (rows.length === 0) return 0;
  const pair = refs(database, table);
  const set = Object.fromEntries(
    Object.entries(update).map(([column, build]) => [column, (build as ColumnUpdate)({ incoming: pair.incoming(column), existing: pair.existing(column), ref: pair })]),
  );
  // Kysely's insert builder is generic over every table; the row and column types are checked above.
  const insert = database.db.insertInto(table).values(rows);
  const query =
    database.dialect === 'mysql' ? insert.onDuplicateKeyUpdate(set as never) : insert.onConflict((conflict) => conflict.columns(conflictColumns).doUpdateSet(set as never));
  const result = await query.executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n);
}

/** Portable "larger of two", since MySQL spells it GREATEST and SQLite MAX. */
export function larger(a: Expression<unknown>, b: Expression<unknown>): RawBuilder<unknown> {
  return sql`case when ${a} > ${b} then ${a} else ${b} end`;
}

/**
 * Splits rows into batches whose JSON size stays under `maxBytes`, so no statement reaches Forge SQL's
 * 1 MiB request limit.
 */
export function batchesBySize<T>(rows: T[], maxBytes = 512 * 1024, maxRows = 500): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let size = 0;
  for (const row of rows) {
    const rowSize = JSON.stringify(row).length * 2;
    if (current.length > 0 && (size + rowSize > maxBytes || current.length >= maxRows)) {
      batches.push(current);
      current = [];
      size = 0;
    }
    current.push(row);
    size += rowSize;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
