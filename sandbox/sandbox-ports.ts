import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openMysqlDatabase } from '../src/local/mysql-database';
import { openSqliteDatabase } from '../src/local/sqlite-database';
import { encryptedFileSecrets } from '../src/local/encrypted-file-secrets';
import { inProcessQueue } from '../src/local/in-process-queue';
import { localJira } from '../src/local/local-jira';
import { createConsoleLogger } from '../src/logging/console-logger';
import { systemClock } from '../src/ports/clock';
import type { Logger, Ports } from '../src/ports/ports';
import { PUBLIC_PROVIDER_HOSTS } from '../src/git-hosts/provider-hosts';
import type { ProviderHosts } from '../src/ports/app-config';
import { contractCheckedJira, jiraContractMode, type JiraContractMode } from './jira/contract/jira-contract';
import { jiraRestHandler } from './jira/jira-rest';
import type { JiraSite } from './jira/jira-site';
import { composeApp, type App } from '../src/app/compose-app';
import { environmentConfig } from '../src/ports/environment-config';

export interface SandboxPorts {
  ports: Ports;
  /** The app composed over these ports, once: its queue consumer is the one the in-process queue runs. */
  app: App;
  close: () => Promise<void>;
}

/** The local adapters: SQLite and encrypted secrets under `dataDir`, the seeded Jira, an in-process queue. */
export async function createSandboxPorts(options: {
  dataDir: string;
  site: JiraSite;
  baseUrl: () => string;
  log?: Logger;
  /** Point the Git hosts at local stubs, and let accounts use private addresses (tests only). */
  providerHosts?: ProviderHosts;
  allowPrivateHosts?: boolean;
  /** Whether Jira may be called as an absent user (default true); false models Forge without offline impersonation. */
  impersonation?: boolean;
  /** Keep the store on a MySQL-compatible server instead of SQLite (SANDBOX_MYSQL_URL; the tests' MariaDB runs). */
  mysql?: { url: string; fresh?: boolean; dropOnClose?: boolean };
  /** Check every exchange with the seeded Jira against Jira's OpenAPI description (default: SANDBOX_JIRA_CONTRACT, or `record` under Jest). */
  jiraContract?: JiraContractMode;
}): Promise<SandboxPorts> {
  mkdirSync(options.dataDir, { recursive: true });
  const log = options.log ?? createConsoleLogger();
  const mysql = options.mysql ? await openMysqlDatabase(options.mysql.url, { fresh: options.mysql.fresh }) : undefined;
  const database = mysql ?? (await openSqliteDatabase(join(options.dataDir, 'sandbox.sqlite'), (line) => log.warn(line)));
  const ports: Ports = {
    database,
    secrets: encryptedFileSecrets(options.dataDir),
    jira: localJira(contractCheckedJira(jiraRestHandler(options.site), jiraContractMode(options.jiraContract), (message) => log.error(message))),
    queue: { push: async (jobs) => queue.push(jobs) },
    clock: systemClock,
    fetch: globalThis.fetch,
    webtriggers: { urlFor: (key) => Promise.resolve(`${options.baseUrl()}/x/${key}`) },
    log,
    // The sandbox's Jira acts as any user asked for, as Forge does for scopes declared with allowImpersonation.
    config: {
      providerHosts: options.providerHosts ?? PUBLIC_PROVIDER_HOSTS,
      allowPrivateHosts: options.allowPrivateHosts ?? false,
      impersonation: options.impersonation ?? true,
      ...environmentConfig(process.env),
    },
  };
  const app = composeApp(ports);
  const queue = inProcessQueue(
    (body) => app.jobs.runBackfillJob(body),
    (error) => log.error('queued job failed', { error: error instanceof Error ? error.message : String(error) }),
  );
  return {
    ports,
    app,
    async close() {
      queue.stop();
      await queue.idle();
      if (options.mysql?.dropOnClose) await mysql?.dropDatabase();
      await database.close();
    },
  };
}
