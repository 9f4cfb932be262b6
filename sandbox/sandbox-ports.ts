import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openSqliteDatabase } from '../src/local/sqlite-database';
import { encryptedFileSecrets } from '../src/local/encrypted-file-secrets';
import { inProcessQueue } from '../src/local/in-process-queue';
import { localJira } from '../src/local/local-jira';
import { createConsoleLogger } from '../src/logging/console-logger';
import { systemClock } from '../src/ports/clock';
import type { HttpFetch } from '../src/ports/http';
import type { Logger, Ports } from '../src/ports/ports';
import { PUBLIC_PROVIDER_HOSTS, type ProviderHosts } from '../src/providers/provider-hosts';
import { syncHandlers } from '../src/sync/sync-handlers';
import { jiraRestHandler } from './jira/jira-rest';
import type { JiraSite } from './jira/jira-site';

export interface SandboxPorts {
  ports: Ports;
  close(): Promise<void>;
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
}): Promise<SandboxPorts> {
  mkdirSync(options.dataDir, { recursive: true });
  const database = await openSqliteDatabase(join(options.dataDir, 'sandbox.sqlite'));
  const log = options.log ?? createConsoleLogger();
  const ports: Ports = {
    database,
    secrets: encryptedFileSecrets(options.dataDir),
    jira: localJira(jiraRestHandler(options.site)),
    queue: { push: async (jobs) => queue.push(jobs) },
    clock: systemClock,
    fetch: globalThis.fetch as unknown as HttpFetch,
    webtriggers: { urlFor: async (key) => `${options.baseUrl()}/x/${key}` },
    log,
    config: { providerHosts: options.providerHosts ?? PUBLIC_PROVIDER_HOSTS, allowPrivateHosts: options.allowPrivateHosts ?? false },
  };
  const sync = syncHandlers(ports);
  const queue = inProcessQueue(
    (body) => sync.runBackfillJob(body),
    (error) => log.error('queued job failed', { error: error instanceof Error ? error.message : String(error) }),
  );
  return {
    ports,
    async close() {
      queue.stop();
      await queue.idle();
      await database.close();
    },
  };
}
