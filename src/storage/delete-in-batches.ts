import type { ComparisonOperatorExpression, Kysely } from 'kysely';
import type { Database } from './database';
import type { Schema } from './schema';

/** Rows one DELETE removes: bounded so no statement nears Forge SQL's 10-second limit or grows its transaction. */
export const DELETE_BATCH = 2_000;

/** One condition on the rows to delete, applied the same way to MySQL's DELETE and SQLite's sub-select. */
export type DeleteCondition<T extends keyof Schema> = [column: keyof Schema[T] & string, operator: ComparisonOperatorExpression, value: string | number];

/** A column name as the untyped builder takes it. */
const columnName = (column: string): string => column;

/**
 * Deletes one batch of the rows the conditions select; returns how many went. MySQL takes DELETE … LIMIT;
 * SQLite's DELETE has no LIMIT unless compiled in, so a keyed sub-select bounds it instead.
 */
export async function deleteBatch<T extends keyof Schema>(database: Database, table: T, conditions: Array<DeleteCondition<T>>): Promise<number> {
  // The conditions are typed by the table in the signature; Kysely's builders cannot follow a table chosen
  // by a type parameter, so the query itself is built untyped.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's own spelling of "any table of any shape"
  const db = database.db as unknown as Kysely<any>;
  const name = table as string;
  let query;
  if (database.dialect === 'mysql') {
    let remove = db.deleteFrom(name);
    for (const [column, operator, value] of conditions) remove = remove.where(columnName(column), operator, value);
    query = remove.limit(DELETE_BATCH);
  } else {
    let keys = db.selectFrom(name).select('rowid');
    for (const [column, operator, value] of conditions) keys = keys.where(columnName(column), operator, value);
    query = db.deleteFrom(name).where('rowid', 'in', keys.limit(DELETE_BATCH));
  }
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Deletes every row the conditions select, a bounded batch per statement. */
export async function deleteInBatches<T extends keyof Schema>(database: Database, table: T, conditions: Array<DeleteCondition<T>>): Promise<number> {
  let total = 0;
  for (;;) {
    const removed = await deleteBatch(database, table, conditions);
    total += removed;
    if (removed < DELETE_BATCH) return total;
  }
}
