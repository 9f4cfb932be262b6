import { randomUUID } from 'node:crypto';
import { sql } from '@forge/sql';
import { Kysely } from 'kysely';
import { createConsoleLogger } from '../logging/console-logger';
import { systemClock } from '../ports/clock';
import { environmentConfig } from '../ports/environment-config';
import type { Database } from '../storage/database';
import type { Ports } from '../ports/ports';
import { PUBLIC_PROVIDER_HOSTS } from '../git-hosts/provider-hosts';
import { migrate, schemaGate, type MigrationOutcome, type SchemaTarget } from '../storage/migrate';
import { forgeFetch } from './forge-fetch';
import { forgeJira } from './forge-jira';
import { forgeQueue } from './forge-queue';
import { forgeSecrets } from './forge-secrets';
import { ForgeSqlDialect } from './forge-sql-dialect';
import { forgeWebtriggerUrls } from './forge-webtrigger-urls';

const database: Database = { db: new Kysely({ dialect: new ForgeSqlDialect(sql) }), dialect: 'mysql' };
/** DDL goes through Forge SQL's own DDL endpoint; the ordinary one refuses it. */
const schema: SchemaTarget = { database, executeDdl: async (statement) => void (await sql.executeDDL(statement)) };
const migrationOptions = () => ({ owner: randomUUID(), now: () => Date.now() });
const schemaReady = schemaGate(() => schema, migrationOptions);

let ports: Ports | undefined;

/**
 * The ports for a Forge invocation. The lifecycle trigger migrates on install and upgrade; a cold
 * container only reads the schema version once (and migrates itself if that trigger has not run yet).
 */
export async function forgePorts(): Promise<Ports> {
  await schemaReady();
  ports ??= {
    database,
    secrets: forgeSecrets,
    jira: forgeJira,
    queue: forgeQueue(),
    clock: systemClock,
    fetch: forgeFetch,
    webtriggers: forgeWebtriggerUrls,
    log: createConsoleLogger(),
    // The consumer may run 900 s (manifest): long slices keep a 200,000-commit backfill to a few dozen
    // pushes of Forge's 1,000 per chain, and a crash still repeats at most one page.
    config: { providerHosts: PUBLIC_PROVIDER_HOSTS, allowPrivateHosts: false, sliceBudgetMs: 300_000, ...environmentConfig(process.env) },
  };
  return ports;
}

/** Install and upgrade: bring the schema up to date, a DDL budget at a time. */
export function migrateForgeSchema(): Promise<MigrationOutcome> {
  return migrate(schema, migrationOptions());
}
