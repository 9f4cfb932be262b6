import { Kysely } from 'kysely';
import { createConnection, type Connection } from 'mysql2/promise';
import { ForgeSqlDialect, type ForgeSqlClient } from '../../forge/forge-sql-dialect';
import type { Database } from '../../ports/database';
import { compileMigrations } from '../migrations';
import type { Schema } from '../schema';

/**
 * A MySQL-compatible server driven through the very dialect Forge uses: the client below stands in for
 * `@forge/sql` (prepare, bindParams, execute; rows for reads, a result header for writes), so the SQL
 * under test is the SQL Forge SQL receives.
 */
export function mysqlForgeClient(connection: Connection): ForgeSqlClient {
  return {
    prepare: (query: string) => {
      let params: unknown[] = [];
      return {
        bindParams: (...values: unknown[]) => {
          params = values;
          return undefined;
        },
        execute: async () => {
          const [rows] = await connection.query(query, params);
          return { rows: rows as never };
        },
      };
    },
  };
}

/** A fresh, migrated database on the server at `url` (mysql://user:password@host:port/name). */
export async function openMysqlTestDatabase(url: string): Promise<Database & { close(): Promise<void> }> {
  const parsed = new URL(url);
  const name = parsed.pathname.replace(/^\//, '') || 'dvcs_contract';
  const admin = await createConnection({ host: parsed.hostname, port: Number(parsed.port || 3306), user: decodeURIComponent(parsed.username), password: decodeURIComponent(parsed.password) });
  await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  await admin.end();
  const connection = await createConnection({
    host: parsed.hostname,
    port: Number(parsed.port || 3306),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: name,
    charset: 'utf8mb4_bin',
  });
  const client = mysqlForgeClient(connection);
  const db = new Kysely<Schema>({ dialect: new ForgeSqlDialect(client) });
  for (const migration of compileMigrations(db)) await connection.query(migration.sql);
  return { db, dialect: 'mysql', close: () => connection.end() };
}
