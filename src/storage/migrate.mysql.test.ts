import { describeWithMysql, mysqlUrlFor } from '../../test/support/mysql';
import { openMysqlDatabase } from '../local/mysql-database';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type MigrationStep } from './migrations';
import { migrate, readSchemaVersion, type SchemaTarget } from './migrate';
import { TABLES } from './tables';

/**
 * The schema runner on a real MySQL-compatible server, as Forge SQL runs it: DDL only through its own
 * channel, counted against Forge SQL's 25 DDL requests a minute; two runners at once; a runner killed
 * between a DDL and its record.
 */
describeWithMysql('schema migrations on MySQL', () => {
  let database: Awaited<ReturnType<typeof openMysqlDatabase>>;
  let ddl: string[];
  beforeEach(async () => {
    database = await openMysqlDatabase(mysqlUrlFor('dvcs_migrate'), { fresh: true, migrate: false });
    ddl = [];
  });
  afterEach(() => database.close());

  /** A runner on the same database, counting its DDL, whose DDL can be made to hang (a killed container). */
  const runner = (options: { hangAfter?: number } = {}): SchemaTarget => ({
    database,
    executeDdl: async (statement) => {
      if (options.hangAfter !== undefined && ddl.length >= options.hangAfter) return new Promise<void>(() => undefined);
      ddl.push(statement);
      await database.schema.executeDdl(statement);
    },
  });
  const tables = async () => {
    const [rows] = await database.connection.query('select table_name as name from information_schema.tables where table_schema = database() order by table_name');
    return (rows as Array<{ name: string }>).map((row) => row.name).sort();
  };
  const everyTable = TABLES.map((table) => table.name).sort();

  it('installs the whole schema with 20 DDL requests (19 tables, one added column), well inside 25 a minute, and a second run sends none', async () => {
    const first = await migrate(runner(), { owner: 'a', now: () => Date.now() });
    expect(first).toEqual({ status: 'migrated', version: LATEST_SCHEMA_VERSION, ddl: TABLES.length + 1 });
    expect(ddl).toHaveLength(20);
    expect(await tables()).toEqual(everyTable);
    const second = await migrate(runner(), { owner: 'b', now: () => Date.now() });
    expect(second).toEqual({ status: 'current', version: LATEST_SCHEMA_VERSION, ddl: 0 });
    expect(ddl).toHaveLength(20);
  });

  it('upgrades a version 1 schema: the column version 2 adds and the tables versions 3 and 4 add arrive, once', async () => {
    await migrate(runner(), { owner: 'a', now: () => Date.now(), steps: MIGRATIONS.slice(0, 1) });
    // Version 1 as it was first released: smart_commit without `commands`.
    await database.schema.executeDdl('alter table `smart_commit` drop column `commands`');
    const upgrade = await migrate(runner(), { owner: 'b', now: () => Date.now() });
    expect(upgrade).toEqual({ status: 'migrated', version: LATEST_SCHEMA_VERSION, ddl: 4 });
    const [columns] = await database.connection.query(
      "select column_name as name from information_schema.columns where table_schema = database() and table_name = 'smart_commit' and column_name = 'commands'",
    );
    expect(columns).toHaveLength(1);
    expect(await tables()).toEqual(everyTable);
  });

  it('lets two runners race: one migrates, the other waits, and the schema is complete once', async () => {
    const [a, b] = await Promise.all([migrate(runner(), { owner: 'a', now: () => Date.now() }), migrate(runner(), { owner: 'b', now: () => Date.now() })]);
    const statuses = [a.status, b.status];
    expect(statuses.filter((status) => status === 'migrated')).toHaveLength(1);
    expect(statuses.filter((status) => status !== 'migrated')).toEqual([expect.stringMatching(/^(busy|current)$/)]);
    // Both may create the version table (idempotent); only the lease holder creates the rest.
    expect(ddl.length).toBeLessThanOrEqual(21);
    expect(await tables()).toEqual(everyTable);
    expect(await readSchemaVersion(database)).toBe(LATEST_SCHEMA_VERSION);
  });

  it('recovers when a runner dies between a DDL and its record: the next one repeats the step once the lease expires', async () => {
    let now = Date.parse('2026-11-23T10:00:00Z');
    const killed = migrate(runner({ hangAfter: 6 }), { owner: 'killed', now: () => now });
    await new Promise((resolve) => setImmediate(resolve));
    for (let wait = 0; wait < 100 && ddl.length < 6; wait += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(ddl).toHaveLength(6);
    expect(await readSchemaVersion(database)).toBe(0);
    // While its lease holds, another runner does not touch the schema.
    expect((await migrate(runner(), { owner: 'early', now: () => now })).status).toBe('busy');
    now += 121_000;
    const next = await migrate(runner(), { owner: 'next', now: () => now });
    expect(next.status).toBe('migrated');
    expect(await tables()).toEqual(everyTable);
    expect(await readSchemaVersion(database)).toBe(LATEST_SCHEMA_VERSION);
    void killed;
  });

  it('runs later steps idempotently: a column added again is not an error', async () => {
    const steps: MigrationStep[] = [
      ...MIGRATIONS,
      {
        version: LATEST_SCHEMA_VERSION + 1,
        name: 'test column',
        statements: () => ['alter table `delivery` add column if not exists `probe` integer', 'create index if not exists `delivery_probe` on `delivery` (`probe`)'],
      },
    ];
    // A fresh install spends the whole budget of one run: the extra step comes with the next.
    expect(await migrate(runner(), { owner: 'a', now: () => Date.now(), steps })).toMatchObject({ status: 'partial' });
    await migrate(runner(), { owner: 'a', now: () => Date.now(), steps });
    for (const statement of steps[steps.length - 1]!.statements('mysql')) await database.schema.executeDdl(statement);
    expect(await readSchemaVersion(database)).toBe(LATEST_SCHEMA_VERSION + 1);
  });

  it('stops at the DDL budget and finishes on the next run', async () => {
    const steps: MigrationStep[] = [
      ...MIGRATIONS,
      {
        version: LATEST_SCHEMA_VERSION + 1,
        name: 'more',
        statements: () => Array.from({ length: 8 }, (_, n) => `create table if not exists \`extra_${n}\` (id integer primary key)`),
      },
    ];
    const first = await migrate(runner(), { owner: 'a', now: () => Date.now(), steps });
    expect(first).toEqual({ status: 'partial', version: LATEST_SCHEMA_VERSION, ddl: 20 });
    const second = await migrate(runner(), { owner: 'a', now: () => Date.now(), steps });
    expect(second).toEqual({ status: 'migrated', version: LATEST_SCHEMA_VERSION + 1, ddl: 8 });
  });
});
