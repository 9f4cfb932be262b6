import { Kysely } from 'kysely';
import { ForgeSqlDialect, type ForgeSqlClient } from '../forge/forge-sql-dialect';
import { openSqliteDatabase } from '../local/sqlite-database';
import { compileMigrations, migrations } from './migrations';

const unusedClient: ForgeSqlClient = {
  prepare: () => {
    throw new Error('compiling must not run queries');
  },
};
const mysql = compileMigrations(new Kysely<any>({ dialect: new ForgeSqlDialect(unusedClient) }));

/** Bytes a MySQL index over these columns takes with utf8mb4 (4 bytes a character, 8 for BIGINT, 4 for INT). */
function keyBytes(createTable: string, columns: string[]): number {
  return columns.reduce((total, column) => {
    const definition = new RegExp('`' + column + '` (varchar\\((\\d+)\\)|bigint|integer)').exec(createTable);
    if (!definition) throw new Error(`column ${column} not found in ${createTable}`);
    if (definition[2]) return total + Number(definition[2]) * 4;
    return total + (definition[1] === 'bigint' ? 8 : 4);
  }, 0);
}

describe('schema migrations', () => {
  it('have unique names in order, one statement each', () => {
    const names = migrations.map((migration) => migration.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(names);
    for (const { sql } of mysql) expect(sql).not.toMatch(/;\s*\S/);
  });

  it('compile to MySQL without foreign keys, which Forge SQL refuses', () => {
    for (const { sql } of mysql) expect(sql.toLowerCase()).not.toContain('references');
    expect(mysql[0]!.sql).toMatch(/^create table `account`/);
  });

  it('keep every primary key and index under MySQL’s 3,072-byte limit', () => {
    const tables = new Map(mysql.filter(({ sql }) => sql.startsWith('create table')).map(({ sql }) => [/`(\w+)`/.exec(sql)![1]!, sql]));
    let checked = 0;
    for (const { sql } of mysql) {
      const keys = [...sql.matchAll(/(?:primary key|unique) \(([^)]+)\)/g)].map((match) => match[1]!);
      const index = /create index `\w+` on `(\w+)` \(([^)]+)\)/.exec(sql);
      const table = index ? tables.get(index[1]!)! : sql;
      for (const columns of index ? [index[2]!] : keys) {
        const names = columns.split(',').map((column) => column.trim().replace(/`/g, ''));
        expect(keyBytes(table, names)).toBeLessThanOrEqual(3072);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(9);
  });

  it('apply to SQLite and are not applied twice when the store is reopened', async () => {
    const file = `${require('node:os').tmpdir()}/dvcs-migrations-${process.pid}-${Date.now()}.sqlite`;
    const first = await openSqliteDatabase(file);
    await first.db.insertInto('delivery').values({ delivery_id: 'd1', provider: 'github', received_at: 1 }).execute();
    await first.close();
    const second = await openSqliteDatabase(file);
    const rows = await second.db.selectFrom('delivery').selectAll().execute();
    await second.close();
    expect(rows).toEqual([{ delivery_id: 'd1', provider: 'github', received_at: 1, attempts: 1, repository_id: null }]);
  });
});
