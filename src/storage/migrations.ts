import { addColumnStatement, createTableStatements, TABLES, type Engine } from './tables';

/**
 * Schema versions, in order. Each step's statements are idempotent (`IF NOT EXISTS`), so a step can be
 * run again after a crash or by two runners at once. Forge SQL allows 25 DDL requests a minute: version 1
 * creates every table in one request each, indexes inline, so a fresh install needs 16.
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
    statements: (engine) => TABLES.filter((table) => table !== SCHEMA_VERSION_TABLE).flatMap((table) => createTableStatements(engine, table)),
  },
  {
    version: 2,
    name: 'smart commit commands parsed at push time',
    statements: (engine) => [addColumnStatement(engine, 'smart_commit', 'commands')],
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
