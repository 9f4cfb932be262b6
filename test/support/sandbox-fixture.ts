import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSeed } from '../../sandbox/jira/jira-seed';
import { JiraSite } from '../../sandbox/jira/jira-site';
import { createSandboxPorts } from '../../sandbox/sandbox-ports';
import type { Logger } from '../../src/ports/ports';
import type { ProviderHosts } from '../../src/providers/provider-hosts';

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

/** The sandbox's real local adapters over a fresh temporary folder and the default seed. */
export async function sandboxFixture(options: { providerHosts?: ProviderHosts; allowPrivateHosts?: boolean; now?: () => number } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'dvcs-link-test-'));
  const site = new JiraSite(loadSeed(), () => new Date('2026-11-01T10:00:00.000Z'));
  const log = memoryLogger();
  const { ports, close } = await createSandboxPorts({ dataDir, site, baseUrl: () => 'http://localhost:8080', log, ...options });
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
