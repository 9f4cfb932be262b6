import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../ports/database';
import { compileMigrations } from '../storage/migrations';
import type { Schema } from '../storage/schema';

/**
 * The sandbox's store: SQLite in one file (or memory), with the same migrations Forge SQL runs, recorded
 * by name like `@forge/sql`'s runner so each runs once.
 */
export async function openSqliteDatabase(filename: string): Promise<Database & { close(): Promise<void> }> {
  const connection = new BetterSqlite3(filename);
  connection.pragma('journal_mode = WAL');
  connection.pragma('busy_timeout = 5000');
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: connection }) });
  migrateSqlite(connection, db);
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

function migrateSqlite(connection: BetterSqlite3.Database, db: Kysely<Schema>): void {
  connection.exec('CREATE TABLE IF NOT EXISTS schema_migration (name TEXT PRIMARY KEY, migrated_at INTEGER NOT NULL)');
  const done = new Set(
    (connection.prepare('SELECT name FROM schema_migration').all() as Array<{ name: string }>).map((row) => row.name),
  );
  const record = connection.prepare('INSERT INTO schema_migration (name, migrated_at) VALUES (?, ?)');
  const apply = connection.transaction((name: string, statement: string) => {
    connection.exec(statement);
    record.run(name, Date.now());
  });
  for (const migration of compileMigrations(db)) {
    if (!done.has(migration.name)) apply(migration.name, migration.sql);
  }
}
