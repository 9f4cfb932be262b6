import { Kysely } from 'kysely';
import { compileMigrations } from '../storage/migrations';
import { ForgeSqlDialect, type ForgeSqlClient } from './forge-sql-dialect';

export interface ForgeMigrationRunner {
  enqueue(name: string, statement: string): ForgeMigrationRunner;
  run(): Promise<string[]>;
}

/** Queue the schema on `@forge/sql`'s migration runner, which records what ran and skips it next time. */
export async function runForgeMigrations(runner: ForgeMigrationRunner, client: ForgeSqlClient): Promise<string[]> {
  const compiler = new Kysely<any>({ dialect: new ForgeSqlDialect(client) });
  for (const migration of compileMigrations(compiler)) runner.enqueue(migration.name, migration.sql);
  return runner.run();
}
