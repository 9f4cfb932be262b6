import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openSqliteDatabase } from '../local/sqlite-database';
import { MIGRATIONS } from './migrations';
import { migrate, readSchemaVersion } from './migrate';
import { TABLES, createTableStatements, type TableDefinition } from './tables';

/** Bytes a MySQL index over these columns takes with utf8mb4 (4 bytes a character, 8 for BIGINT, 4 for INT). */
function keyBytes(table: TableDefinition, columns: string[]): number {
  return columns.reduce((total, name) => {
    const column = table.columns.find((candidate) => candidate.name === name);
    if (!column) throw new Error(`column ${name} not found in ${table.name}`);
    const varchar = /^varchar\((\d+)\)$/.exec(column.type);
    if (varchar) return total + Number(varchar[1]) * 4;
    if (column.type === 'bigint') return total + 8;
    if (column.type === 'integer') return total + 4;
    throw new Error(`${table.name}.${name} (${column.type}) cannot be part of an index`);
  }, 0);
}

const file = (name: string) => join(tmpdir(), `dvcs-${name}-${process.pid}-${Date.now()}.sqlite`);

describe('schema', () => {
  it('compiles to one idempotent MySQL statement per table, without foreign keys, which Forge SQL refuses', () => {
    const [first, ...later] = MIGRATIONS;
    const creates = first!.statements('mysql');
    const addedLater = TABLES.filter((table) => table.addedIn !== undefined);
    expect(creates).toHaveLength(TABLES.length - 1 - addedLater.length);
    for (const statement of creates) expect(statement).toMatch(/^create table if not exists `\w+` \(/);
    // Later versions add a column or a table, idempotently, each table once: version 1's statements never change.
    const alters = later.flatMap((step) => step.statements('mysql'));
    for (const statement of alters) expect(statement).toMatch(/^(alter table `\w+` add column if not exists `\w+` |create table if not exists `\w+` \()/);
    expect(addedLater.map((table) => table.name)).toEqual(['dev_pull_request_reviewer', 'dev_build', 'dev_deployment']);
    expect(later.find((step) => step.version === 3)!.statements('mysql')).toEqual([expect.stringMatching(/^create table if not exists `dev_pull_request_reviewer` \(/)]);
    expect(later.find((step) => step.version === 4)!.statements('mysql')).toEqual([
      expect.stringMatching(/^create table if not exists `dev_build` \(/),
      expect.stringMatching(/^create table if not exists `dev_deployment` \(/),
    ]);
    for (const statement of [...creates, ...alters]) {
      expect(statement.toLowerCase()).not.toContain('references');
      expect(statement).not.toContain(';');
    }
  });

  it('keeps every primary key and index under MySQL’s 3,072-byte limit', () => {
    let checked = 0;
    for (const table of TABLES) {
      for (const columns of [table.primaryKey, ...Object.values(table.unique ?? {}), ...Object.values(table.indexes ?? {})]) {
        expect(keyBytes(table, columns)).toBeLessThanOrEqual(3072);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(20);
  });

  it('gives SQLite, which has no inline indexes, a statement per index', () => {
    const issueLink = TABLES.find((table) => table.name === 'issue_link')!;
    expect(createTableStatements('sqlite', issueLink)).toEqual([
      expect.stringMatching(/^create table if not exists "issue_link"/),
      'create index if not exists "issue_link_by_project" on "issue_link" ("project_key")',
      'create index if not exists "issue_link_by_item" on "issue_link" ("repository_id", "item_kind", "item_key", "issue_key")',
      'create index if not exists "issue_link_by_time" on "issue_link" ("issue_key", "item_kind", "item_time")',
    ]);
  });

  it('applies to SQLite once, and keeps the data when the store is reopened', async () => {
    const path = file('migrations');
    const first = await openSqliteDatabase(path);
    expect(await readSchemaVersion(first)).toBe(MIGRATIONS[MIGRATIONS.length - 1]!.version);
    await first.db.insertInto('delivery').values({ delivery_id: 'd1', provider: 'github', received_at: 1 }).execute();
    await first.close();
    const second = await openSqliteDatabase(path);
    const again = await migrate(second.schema, { owner: 'second', now: () => Date.now() });
    const rows = await second.db.selectFrom('delivery').selectAll().execute();
    await second.close();
    expect(again.status).toBe('current');
    expect(rows).toEqual([{ delivery_id: 'd1', provider: 'github', received_at: 1, attempts: 1, repository_id: null }]);
  });

  it('sets aside a sandbox store made before schema versions, and starts a new one', async () => {
    const path = file('legacy');
    const legacy = new BetterSqlite3(path);
    legacy.exec('create table schema_migration (name text primary key, migrated_at integer not null)');
    legacy.close();
    const lines: string[] = [];
    const database = await openSqliteDatabase(path, (line) => lines.push(line));
    expect(await readSchemaVersion(database)).toBeGreaterThan(0);
    await database.close();
    expect(lines).toEqual([expect.stringContaining('was made by an older version')]);
  });
});
