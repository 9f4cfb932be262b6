import { addColumnStatement, createTableStatements, TABLES, type Engine } from './tables';

/**
 * Schema versions, in order. Each step's statements are idempotent (`IF NOT EXISTS`), so a step can be
 * run again after a crash or by two runners at once. Forge SQL allows 25 DDL requests a minute: version 1
 * creates every table it knew in one request each, indexes inline; with the later versions a fresh install
 * needs 20 (the whole DDL budget of one run, migrate.ts). A table added later names its version (`addedIn`) and is created by that version only, so
 * version 1's statements never change.
 * Append only: a version that has run anywhere is never edited; a change is a new version, written with
 * `add column if not exists` / `create index if not exists` (TiDB and MariaDB have both; the SQLite runner
 * treats "duplicate column" as done).
 */
export interface MigrationStep {
  version: number;
  name: string;
  statements(engine: Engine): string[];
}

export const SCHEMA_VERSION_TABLE = TABLES.find((table) => table.name === 'schema_version')!;

export const MIGRATIONS: MigrationStep[] = [
  {
    version: 1,
    name: 'create every table',
    statements: (engine) => TABLES.filter((table) => table !== SCHEMA_VERSION_TABLE && table.addedIn === undefined).flatMap((table) => createTableStatements(engine, table)),
  },
  {
    version: 2,
    name: 'smart commit commands parsed at push time',
    statements: (engine) => [addColumnStatement(engine, 'smart_commit', 'commands')],
  },
  {
    version: 3,
    name: 'pull request reviewers',
    statements: (engine) => TABLES.filter((table) => table.addedIn === 3).flatMap((table) => createTableStatements(engine, table)),
  },
  {
    version: 4,
    name: 'builds and deployments',
    statements: (engine) => TABLES.filter((table) => table.addedIn === 4).flatMap((table) => createTableStatements(engine, table)),
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
