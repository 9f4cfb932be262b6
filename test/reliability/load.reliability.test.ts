import { GITHUB_EXAMPLE, linkRepositories } from '../support/linked-repositories';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { githubPush } from '../../sandbox/demo/github-payloads';
import { githubHeaders } from '../../sandbox/demo/signed-delivery';
import { startSandbox } from '../../sandbox/sandbox-server';
import { createAccount } from '../../src/account-admin/create-account';
import { memoryLogger } from '../support/sandbox-fixture';
import { report } from './report';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 30);
const CONNECTIONS = 50;

describe('load on the sandbox webtrigger', () => {
  it(`takes signed pushes from ${CONNECTIONS} connections for ${SECONDS} s and stores every accepted one exactly once`, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dvcs-load-'));
    const errors = memoryLogger();
    const sandbox = await startSandbox({
      port: 0,
      dataDir,
      demo: false,
      log: { info: () => undefined, warn: () => undefined, error: (message, fields) => errors.error(message, fields) },
    });
    try {
      const account = await createAccount(sandbox.ports, { provider: 'github', hostUrl: 'https://github.com', name: 'load', authMethod: 'oauth' });
      await linkRepositories(sandbox.ports, account.id, [GITHUB_EXAMPLE]);
      const template = githubPush('main', [{ sha: '0'.repeat(40), message: 'DEMO-1 load', timestamp: '2026-11-20T10:00:00Z' }]);
      let sent = 0;
      // Every delivery carries a commit of its own, so the store can be counted against what was sent.
      const delivery = (n: number) => {
        const sha = `f${n.toString(16)}`.padStart(40, '0');
        const payload = {
          ...template,
          after: sha,
          head_commit: { ...template.head_commit, id: sha },
          commits: [{ ...template.commits[0], id: sha, message: `DEMO-${(n % 4) + 1} load ${n}` }],
        };
        const body = JSON.stringify(payload);
        return { sha, body, headers: githubHeaders(account.webhookSecret, 'push', body, `load-${n}`) };
      };
      const result = await autocannon({
        url: `${sandbox.url}/x/github-webhook?account=${account.id}`,
        connections: CONNECTIONS,
        duration: SECONDS,
        timeout: 30,
        requests: [
          {
            method: 'POST',
            setupRequest: (request) => {
              sent += 1;
              const { body, headers } = delivery(sent);
              return { ...request, body, headers };
            },
          },
        ],
      });
      // Deliveries still in flight when the run stopped got no answer; a Git host redelivers those.
      const storedShas = new Set((await sandbox.ports.database.db.selectFrom('dev_commit').select('sha').execute()).map((row) => row.sha));
      let redelivered = 0;
      for (let n = 1; n <= sent; n += 1) {
        const { sha, body, headers } = delivery(n);
        if (storedShas.has(sha)) continue;
        redelivered += 1;
        const response = await fetch(`${sandbox.url}/x/github-webhook?account=${account.id}`, { method: 'POST', headers, body });
        expect(response.status).toBe(200);
      }
      const stored = Number(
        (
          await sandbox.ports.database.db
            .selectFrom('dev_commit')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
      const links = Number(
        (
          await sandbox.ports.database.db
            .selectFrom('issue_link')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('item_kind', '=', 'commit')
            .executeTakeFirstOrThrow()
        ).n,
      );
      report(`Load: signed pushes, ${CONNECTIONS} connections, ${SECONDS} s, loopback`, {
        'deliveries sent': sent,
        'accepted (2xx)': result['2xx'],
        'refused (non-2xx)': result.non2xx,
        'errors / timeouts': `${result.errors} / ${result.timeouts}`,
        'deliveries/s': (result['2xx'] / (result.duration || SECONDS)).toFixed(0),
        'latency p50 / p99 / max (ms)': `${result.latency.p50} / ${result.latency.p99} / ${result.latency.max}`,
        'redelivered after the run stopped': redelivered,
        'commits stored': stored,
        'commit links stored': links,
      });
      expect(result.non2xx).toBe(0);
      expect(result['2xx']).toBeGreaterThan(0);
      expect(redelivered).toBeLessThanOrEqual(sent - result['2xx']);
      // Every delivery's commit exactly once (the primary key makes a second copy impossible; the count shows none is missing).
      expect(stored).toBe(sent);
      expect(links).toBe(sent);
    } finally {
      await sandbox.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
