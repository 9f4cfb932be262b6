import { randomUUID } from 'node:crypto';
import { Kysely } from 'kysely';
import { createConnection, type Connection } from 'mysql2/promise';
import { ForgeSqlDialect, type ForgeSqlClient } from '../forge/forge-sql-dialect';
import type { Database } from '../storage/database';
import { checkStatement } from '../storage/forge-sql-limits';
import { ForgeSqlLimitedDialect } from '../storage/forge-sql-limited-dialect';
import { migrate, type SchemaTarget } from '../storage/migrate';
import type { Schema } from '../storage/schema';
import type { LocalDatabase } from './sqlite-database';

/**
 * A MySQL-compatible server driven through the very dialect Forge uses: the client below stands in for
 * `@forge/sql` (prepare, bindParams, execute; rows for reads, a result header for writes), so the SQL
 * under test is the SQL Forge SQL receives.
 */
function mysqlForgeClient(connection: Connection): ForgeSqlClient {
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
          // mysql2 types a result as rows or an update packet; Kysely's driver contract takes either as `rows`.
          return { rows: rows as never };
        },
      };
    },
  };
}

/**
 * The store on a MySQL-compatible server at `url` (mysql://user:password@host:port/name), through the
 * dialect Forge uses and held to Forge SQL's limits: the sandbox with SANDBOX_MYSQL_URL, and the tests.
 * `fresh` drops and recreates the database first; `migrate: false` leaves the schema to the caller.
 */
export async function openMysqlDatabase(
  url: string,
  options: { fresh?: boolean; migrate?: boolean } = {},
): Promise<LocalDatabase & { connection: Connection; dropDatabase(): Promise<void> }> {
  const parsed = new URL(url);
  const name = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'dvcs_link';
  if (!/^\w{1,64}$/.test(name)) throw new Error(`Use a database name of letters, digits and _ in ${parsed.protocol}//…/${name}.`);
  const server = { host: parsed.hostname, port: Number(parsed.port || 3306), user: decodeURIComponent(parsed.username), password: decodeURIComponent(parsed.password) };
  const admin = await createConnection(server);
  if (options.fresh) await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await admin.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  await admin.end();
  const connection = await createConnection({ ...server, database: name, charset: 'utf8mb4_bin' });
  const dialectLimits = new ForgeSqlLimitedDialect(new ForgeSqlDialect(mysqlForgeClient(connection)));
  const database: Database = { db: new Kysely<Schema>({ dialect: dialectLimits }), dialect: 'mysql' };
  const schema: SchemaTarget = {
    database,
    async executeDdl(statement) {
      checkStatement(statement, [], 'ddl');
      await connection.query(statement);
    },
  };
  if (options.migrate !== false) await migrate(schema, { owner: randomUUID(), now: () => Date.now() });
  return {
    ...database,
    dialectLimits,
    schema,
    connection,
    close: () => connection.end(),
    dropDatabase: async () => void (await connection.query(`DROP DATABASE IF EXISTS \`${name}\``)),
  };
}
