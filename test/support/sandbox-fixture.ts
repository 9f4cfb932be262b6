import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSeed } from '../../sandbox/jira/jira-seed';
import { JiraSite } from '../../sandbox/jira/jira-site';
import { createSandboxPorts } from '../../sandbox/sandbox-ports';
import type { Logger } from '../../src/ports/ports';
import type { ProviderHosts } from '../../src/ports/app-config';
import { mysqlUrlFor } from './mysql';

export const USERS = {
  admin: '557058:admin-alice',
  developer: '557058:dev-dana',
  viewer: '557058:viewer-victor',
  opsOnly: '557058:ops-olivia',
} as const;

/** A logger that keeps its lines, so tests can assert on what was (and was not) logged. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const write = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    lines.push(JSON.stringify({ level, message, ...fields }));
  };
  return { lines, info: write('info'), warn: write('warn'), error: write('error') };
}

let fixtures = 0;

/**
 * The store a fixture uses: SQLite in its folder, or, when the suite runs on MySQL (jest's `mysql`
 * project sets DVCS_TEST_STORE), a database of its own on the DVCS_TEST_MYSQL_URL server, dropped after.
 */
function fixtureStore(): { url: string; fresh: boolean; dropOnClose: boolean } | undefined {
  if (process.env.DVCS_TEST_STORE !== 'mysql') return undefined;
  fixtures += 1;
  return { url: mysqlUrlFor(`dvcs_t${process.env.JEST_WORKER_ID ?? 0}_${process.pid}_${fixtures}`), fresh: true, dropOnClose: true };
}

/** The sandbox's real local adapters over a fresh temporary folder (or MySQL database) and the default seed. */
export async function sandboxFixture(options: { providerHosts?: ProviderHosts; allowPrivateHosts?: boolean; now?: () => number } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'dvcs-link-test-'));
  const site = new JiraSite(loadSeed(), () => new Date('2026-11-01T10:00:00.000Z'));
  const log = memoryLogger();
  // Every call the app makes to the sandbox's Jira is held to Jira's OpenAPI description (jira-contract-setup.ts).
  const { ports, close } = await createSandboxPorts({ dataDir, site, baseUrl: () => 'http://localhost:8080', log, ...options, mysql: fixtureStore(), jiraContract: 'record' });
  if (options.now) ports.clock = { now: options.now };
  // No DNS in tests: names do not resolve, unless a test supplies its own resolver.
  ports.config.resolveHost = async (hostname) => {
    throw new Error(`${hostname} does not resolve in tests`);
  };
  return {
    site,
    ports,
    log,
    dataDir,
    async close() {
      await close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
