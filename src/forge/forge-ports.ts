import { migrationRunner, sql } from '@forge/sql';
import { Kysely } from 'kysely';
import { createConsoleLogger } from '../logging/console-logger';
import { systemClock } from '../ports/clock';
import type { Ports } from '../ports/ports';
import { PUBLIC_PROVIDER_HOSTS } from '../providers/provider-hosts';
import { forgeFetch } from './forge-fetch';
import { forgeJira } from './forge-jira';
import { runForgeMigrations } from './forge-migrations';
import { forgeQueue } from './forge-queue';
import { forgeSecrets } from './forge-secrets';
import { ForgeSqlDialect, type ForgeSqlClient } from './forge-sql-dialect';
import { forgeWebtriggerUrls } from './forge-webtrigger-urls';

const sqlClient = sql as unknown as ForgeSqlClient;

let ports: Ports | undefined;
let migrated: Promise<unknown> | undefined;

/**
 * The ports for a Forge invocation. The schema is brought up to date once per warm container; the
 * runner skips migrations it has already recorded, so a cold start costs one listing request.
 */
export async function forgePorts(): Promise<Ports> {
  migrated ??= runForgeMigrations(migrationRunner, sqlClient).catch((error: unknown) => {
    migrated = undefined;
    throw error;
  });
  await migrated;
  ports ??= {
    database: { db: new Kysely({ dialect: new ForgeSqlDialect(sqlClient) }), dialect: 'mysql' },
    secrets: forgeSecrets,
    jira: forgeJira,
    queue: forgeQueue(),
    clock: systemClock,
    fetch: forgeFetch,
    webtriggers: forgeWebtriggerUrls,
    log: createConsoleLogger(),
    config: { providerHosts: PUBLIC_PROVIDER_HOSTS, allowPrivateHosts: false },
  };
  return ports;
}
