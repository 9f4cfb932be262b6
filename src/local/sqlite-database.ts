import { randomUUID } from 'node:crypto';
import { existsSync, renameSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../storage/database';
import { checkStatement } from '../storage/forge-sql-limits';
import { ForgeSqlLimitedDialect } from '../storage/forge-sql-limited-dialect';
import { migrate, type SchemaTarget } from '../storage/migrate';
import type { Schema } from '../storage/schema';

export type LocalDatabase = Database & { dialectLimits: ForgeSqlLimitedDialect; schema: SchemaTarget; close(): Promise<void> };

/**
 * The sandbox's store: SQLite in one file (or memory), held to Forge SQL's limits, with the schema brought
 * up to date by the same runner Forge uses.
 */
export async function openSqliteDatabase(filename: string, log: (line: string) => void = () => undefined): Promise<LocalDatabase> {
  setAsideLegacyStore(filename, log);
  const connection = new BetterSqlite3(filename);
  connection.pragma('journal_mode = WAL');
  connection.pragma('busy_timeout = 5000');
  const dialectLimits = new ForgeSqlLimitedDialect(new SqliteDialect({ database: connection }));
  const db = new Kysely<Schema>({ dialect: dialectLimits });
  const database: Database = { db, dialect: 'sqlite' };
  const schema: SchemaTarget = {
    database,
    async executeDdl(statement) {
      checkStatement(statement, [], 'ddl');
      try {
        connection.exec(statement);
      } catch (error) {
        // SQLite has no `add column if not exists`: a column that is already there is a step already done.
        if (!/duplicate column name/i.test(String(error))) throw error;
      }
    },
  };
  await migrate(schema, { owner: randomUUID(), now: () => Date.now() });
  return { ...database, dialectLimits, schema, close: () => db.destroy() };
}

/**
 * Stores written before schema versions (a `schema_migration` table, no `schema_version`) are moved aside:
 * they hold only the sandbox's demo data, which is seeded again on start.
 */
function setAsideLegacyStore(filename: string, log: (line: string) => void): void {
  if (filename === ':memory:' || !existsSync(filename)) return;
  const probe = new BetterSqlite3(filename, { readonly: true });
  const tables = new Set((probe.prepare("select name from sqlite_master where type = 'table'").all() as Array<{ name: string }>).map((row) => row.name));
  probe.close();
  if (!tables.has('schema_migration') || tables.has('schema_version')) return;
  const aside = `${filename}.before-schema-versions-${Date.now()}`;
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(filename + suffix)) renameSync(filename + suffix, aside + suffix);
  log(`The sandbox's store at ${filename} was made by an older version; it was moved to ${aside} and a new one started.`);
}
