import { sql } from 'kysely';
import { AppError } from '../errors/app-error';
import type { Database } from './database';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, SCHEMA_VERSION_TABLE, type MigrationStep } from './migrations';
import { createTableStatements } from './tables';
import { upsertRows } from './upsert';

/**
 * Where the schema lives: the store for ordinary statements, and the separate channel Forge SQL keeps
 * for DDL (`sql.executeDDL`; the local stores refuse DDL on the ordinary path as Forge SQL does).
 */
export interface SchemaTarget {
  database: Database;
  executeDdl(statement: string): Promise<void>;
}

export interface MigrationOptions {
  /** Who is running, for the lease: a random id per runner. */
  owner: string;
  now: () => number;
  /** DDL requests one run may send; Forge SQL allows 25 a minute per installation. */
  ddlBudget?: number;
  /** For tests: another list of steps. */
  steps?: MigrationStep[];
}

export type MigrationOutcome =
  | { status: 'current'; version: number; ddl: number }
  | { status: 'migrated'; version: number; ddl: number }
  /** Stopped at the DDL budget: run again after a minute. */
  | { status: 'partial'; version: number; ddl: number }
  /** Another runner holds the lease. */
  | { status: 'busy'; version: number; ddl: number };

const LEASE_MS = 120_000;
const DEFAULT_DDL_BUDGET = 20;

function missingTable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  const text = `${typeof code === 'string' || typeof code === 'number' ? code : ''} ${error instanceof Error ? error.message : String(error)}`;
  return /ER_NO_SUCH_TABLE|no such table|doesn't exist|does not exist|\b1146\b/i.test(text);
}

/** The schema version reached, in one cheap read; 0 before the first migration. */
export async function readSchemaVersion(database: Database): Promise<number> {
  try {
    const row = await database.db.selectFrom('schema_version').select('version').where('id', '=', 1).executeTakeFirst();
    return row ? Number(row.version) : 0;
  } catch (error) {
    if (missingTable(error)) return 0;
    throw error;
  }
}

/**
 * Brings the schema up to date. Only the holder of the lease in `schema_version` sends DDL, so two
 * containers starting at once do not both spend Forge SQL's DDL budget; a runner that dies leaves a lease
 * that expires, and the next one repeats the unfinished step, whose statements are idempotent.
 */
export async function migrate(target: SchemaTarget, options: MigrationOptions): Promise<MigrationOutcome> {
  const steps = options.steps ?? MIGRATIONS;
  const latest = steps[steps.length - 1]?.version ?? 0;
  const budget = options.ddlBudget ?? DEFAULT_DDL_BUDGET;
  const { db } = target.database;
  let version = await readSchemaVersion(target.database);
  let ddl = 0;
  if (version >= latest) return { status: 'current', version, ddl };

  const engine = target.database.dialect;
  if (version === 0) {
    for (const statement of createTableStatements(engine, SCHEMA_VERSION_TABLE)) {
      await target.executeDdl(statement);
      ddl += 1;
    }
  }
  const now = options.now();
  await upsertRows(target.database, 'schema_version', [{ id: 1, version: 0, lease_owner: options.owner, lease_until: now + LEASE_MS, updated_at: now }], ['id'], {
    lease_owner: ({ incoming, existing, ref }) => sql`case when ${ref.existing('lease_until')} < ${now} or ${existing} = ${options.owner} then ${incoming} else ${existing} end`,
    lease_until: ({ incoming, existing, ref }) => sql`case when ${existing} < ${now} or ${ref.existing('lease_owner')} = ${options.owner} then ${incoming} else ${existing} end`,
  });
  const lease = await db.selectFrom('schema_version').select(['version', 'lease_owner']).where('id', '=', 1).executeTakeFirstOrThrow();
  version = Number(lease.version);
  if (lease.lease_owner !== options.owner) return { status: version >= latest ? 'current' : 'busy', version, ddl };

  try {
    for (const step of steps.filter((candidate) => candidate.version > version)) {
      const statements = step.statements(engine);
      // The budget is Forge SQL's; SQLite has none, and spells one MySQL statement as several.
      if (engine === 'mysql' && ddl > 0 && ddl + statements.length > budget) return { status: 'partial', version, ddl };
      for (const statement of statements) await target.executeDdl(statement);
      ddl += statements.length;
      await db.updateTable('schema_version').set({ version: step.version, updated_at: options.now() }).where('id', '=', 1).where('lease_owner', '=', options.owner).execute();
      version = step.version;
    }
  } finally {
    await db.updateTable('schema_version').set({ lease_owner: null, lease_until: 0 }).where('id', '=', 1).where('lease_owner', '=', options.owner).execute();
  }
  return { status: 'migrated', version, ddl };
}

/**
 * For handlers: one cheap read per warm container when the schema is current (the lifecycle trigger
 * migrates on install and upgrade); otherwise migrate now, or say to try again while another runner does.
 */
export function schemaGate(target: () => SchemaTarget, options: () => MigrationOptions): () => Promise<void> {
  let ready: Promise<void> | undefined;
  return () =>
    (ready ??= (async () => {
      if ((await readSchemaVersion(target().database)) >= LATEST_SCHEMA_VERSION) return;
      const outcome = await migrate(target(), options());
      if (outcome.status === 'busy' || outcome.status === 'partial') {
        throw new AppError('schema_migrating', 'The app is finishing an upgrade of its storage. Try again in a minute.');
      }
    })().catch((error: unknown) => {
      ready = undefined;
      throw error;
    }));
}
