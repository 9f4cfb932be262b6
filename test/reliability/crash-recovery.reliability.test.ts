import { GITHUB_EXAMPLE, linkRepositories } from '../support/linked-repositories';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { githubPush } from '../../sandbox/demo/github-payloads';
import { gitlabPush } from '../../sandbox/demo/gitlab-payloads';
import { githubHeaders, gitlabHeaders } from '../../sandbox/demo/signed-delivery';
import { JiraSite } from '../../sandbox/jira/jira-site';
import { loadSeed } from '../../sandbox/jira/jira-seed';
import { createSandboxPorts } from '../../sandbox/sandbox-ports';
import { createAccount } from '../../src/account-admin/create-account';
import { setRepositoryLinks } from '../../src/account-admin/link-repositories';
import { useAccessToken } from '../../src/account-admin/authorise-account';
import { startGitHostStub } from '../../sandbox/provider-stub/git-host-stub';
import Database from 'better-sqlite3';
import { report } from './report';

const DELIVERIES = 1500;
const KILL_AFTER = 400;
const sha = (n: number) => `d${n.toString(16)}`.padStart(40, '0');

/** `npm start` as a separate process on the given data folder; resolves with its address once it listens. */
function startSandboxProcess(dataDir: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string }> {
  // Node itself runs the server (tsx as a loader), so a signal reaches the process that holds the data.
  const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/main.ts'], {
    env: { ...process.env, PORT: '0', SANDBOX_DATA: dataDir, SANDBOX_DEMO: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((ready, fail) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Jira home\s+(http:\/\/[\w.:-]+)\//.exec(output);
      if (match) ready({ child, url: match[1]! });
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => fail(new Error(`the sandbox exited (${code}) before listening:\n${output}`)));
  });
}

/** A push of one commit, `n`, through each host's webtrigger: GitHub's signed push and GitLab's token-carrying one. */
const HOSTS = [
  {
    name: 'GitHub',
    provider: 'github' as const,
    hostUrl: 'https://github.com',
    path: '/x/github-webhook',
    repository: GITHUB_EXAMPLE,
    delivery: (secret: string, n: number) => {
      const template = githubPush('main', [{ sha: sha(0), message: 'DEMO-1 crash', timestamp: '2026-11-20T10:00:00Z' }]);
      const body = JSON.stringify({
        ...template,
        after: sha(n),
        head_commit: { ...template.head_commit, id: sha(n) },
        commits: [{ ...template.commits[0], id: sha(n), message: `DEMO-${(n % 4) + 1} crash ${n}` }],
      });
      return { body, headers: githubHeaders(secret, 'push', body, `crash-${n}`) };
    },
  },
  {
    name: 'GitLab',
    provider: 'gitlab' as const,
    hostUrl: 'https://gitlab.com',
    path: '/x/gitlab-webhook',
    repository: { providerRepoId: '77', fullName: 'acme/app', url: 'https://gitlab.com/acme/app' },
    delivery: (secret: string, n: number) => {
      const person = { name: 'Dana Developer', email: 'dana@example.com' };
      const body = JSON.stringify(
        gitlabPush({
          project: { id: 77, fullName: 'acme/app', webUrl: 'https://gitlab.com/acme/app' },
          branch: 'main',
          before: sha(0),
          pusher: { username: 'dana', ...person },
          commits: [{ sha: sha(n), message: `DEMO-${(n % 4) + 1} crash ${n}`, author: person, timestamp: '2026-11-20T10:00:00Z' }],
        }),
      );
      return { body, headers: gitlabHeaders(secret, 'Push Hook', `crash-${n}`) };
    },
  },
];

describe('crash recovery', () => {
  it.each(HOSTS)('loses and duplicates nothing when the sandbox is killed with SIGKILL during ingestion ($name)', async (host) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dvcs-crash-'));
    const setup = await createSandboxPorts({ dataDir, site: new JiraSite(loadSeed()), baseUrl: () => 'http://127.0.0.1' });
    const account = await createAccount(setup.ports, { provider: host.provider, hostUrl: host.hostUrl, name: 'crash', authMethod: 'oauth' });
    await linkRepositories(setup.ports, account.id, [host.repository]);
    await setup.close();
    const delivery = (n: number) => host.delivery(account.webhookSecret, n);
    const acknowledged = new Set<number>();
    let failedInFlight = 0;
    const first = await startSandboxProcess(dataDir);
    let second: Awaited<ReturnType<typeof startSandboxProcess>> | undefined;
    try {
      // Ten senders; the process is killed outright once KILL_AFTER deliveries were acknowledged.
      const pending = Array.from({ length: DELIVERIES }, (_, index) => index + 1);
      await Promise.all(
        Array.from({ length: 10 }, async () => {
          for (let n = pending.shift(); n !== undefined; n = pending.shift()) {
            try {
              const response = await fetch(`${first.url}${host.path}?account=${account.id}`, { method: 'POST', ...delivery(n) });
              if (response.status === 200) acknowledged.add(n);
              if (acknowledged.size === KILL_AFTER) first.child.kill('SIGKILL');
            } catch {
              failedInFlight += 1;
            }
          }
        }),
      );
      await new Promise((done) => (first.child.exitCode !== null || first.child.signalCode !== null ? done(null) : first.child.once('exit', done)));

      // Restarted on the same data, it gets what a Git host redelivers: every unacknowledged delivery, and
      // (as hosts do after a timeout) some acknowledged ones a second time.
      second = await startSandboxProcess(dataDir);
      let redelivered = 0;
      for (let n = 1; n <= DELIVERIES; n += 1) {
        if (acknowledged.has(n) && n % 7 !== 0) continue;
        redelivered += 1;
        const response = await fetch(`${second.url}${host.path}?account=${account.id}`, { method: 'POST', ...delivery(n) });
        expect(response.status).toBe(200);
      }
      second.child.kill('SIGTERM');
      await new Promise((done) => second!.child.once('exit', done));

      const check = await createSandboxPorts({ dataDir, site: new JiraSite(loadSeed()), baseUrl: () => 'http://127.0.0.1' });
      const stored = (await check.ports.database.db.selectFrom('dev_commit').select('sha').execute()).map((row) => row.sha);
      const links = await check.ports.database.db.selectFrom('issue_link').select('item_key').where('item_kind', '=', 'commit').execute();
      await check.close();
      const expected = Array.from({ length: DELIVERIES }, (_, index) => sha(index + 1)).sort();
      report(`Crash recovery: SIGKILL during ingestion (${host.name})`, {
        deliveries: DELIVERIES,
        'acknowledged before the kill': acknowledged.size,
        'connections cut by the kill': failedInFlight,
        'redelivered after restart': redelivered,
        'commits stored': stored.length,
        'missing / duplicated': `${expected.filter((value) => !stored.includes(value)).length} / ${stored.length - new Set(stored).size}`,
      });
      expect(acknowledged.size).toBeGreaterThanOrEqual(KILL_AFTER);
      expect(acknowledged.size).toBeLessThan(DELIVERIES);
      expect([...stored].sort()).toEqual(expected);
      expect(links).toHaveLength(DELIVERIES);
    } finally {
      first.child.kill('SIGKILL');
      second?.child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('resumes a backfill killed with SIGKILL mid-way and ends with exactly the history, once', async () => {
    const HISTORY = 4000;
    const history = Array.from({ length: HISTORY }, (_, index) => ({
      sha: `e${index.toString(16)}`.padStart(40, '0'),
      message: `DEMO-${(index % 4) + 1} step ${index}`,
      author: { name: 'Octo', email: 'octo@example.com', date: new Date(Date.parse('2026-01-01T00:00:00Z') + index * 60_000).toISOString() },
    })).reverse();
    const stub = await startGitHostStub({ history });
    const dataDir = mkdtempSync(join(tmpdir(), 'dvcs-crash-backfill-'));
    const env = { SANDBOX_GIT_HOSTS: JSON.stringify(stub.hosts), SANDBOX_ALLOW_PRIVATE_HOSTS: '1' };
    let running: Awaited<ReturnType<typeof startSandboxProcess>> | undefined;
    try {
      // Linked here with the queue held back: the history is read by the sandbox process started below.
      const setup = await createSandboxPorts({ dataDir, site: new JiraSite(loadSeed()), baseUrl: () => 'http://127.0.0.1', providerHosts: stub.hosts, allowPrivateHosts: true });
      setup.ports.queue.push = async () => undefined;
      const account = await createAccount(setup.ports, { provider: 'github', hostUrl: 'https://github.com', name: 'octo', authMethod: 'oauth' });
      await useAccessToken(setup.ports, account.id, stub.tokens.github);
      await setRepositoryLinks(setup.ports, account.id, [{ providerRepoId: '5000', fullName: 'octo/repo-001', url: `${stub.url}/octo/repo-001`, linked: true }]);
      await setup.close();

      const pages = () => stub.requests.filter((line) => /\/commits$/.test(line)).length;
      const waitFor = async (done: () => boolean, what: string) => {
        for (let tries = 0; tries < 600 && !done(); tries += 1) await new Promise((next) => setTimeout(next, 100));
        if (!done()) throw new Error(`timed out waiting for ${what}; the Git host saw: ${stub.requests.slice(-5).join(', ') || 'nothing'}`);
      };
      running = await startSandboxProcess(dataDir, env);
      await waitFor(() => pages() >= 12, 'the backfill to read 12 pages');
      running.child.kill('SIGKILL');
      await new Promise((done) => running!.child.once('exit', done));
      const pagesBeforeKill = pages();
      const database = new Database(join(dataDir, 'sandbox.sqlite'), { readonly: true });
      const count = () => Number((database.prepare('select count(*) as n from dev_commit').get() as { n: number }).n);
      const storedAtKill = count();

      running = await startSandboxProcess(dataDir, env);
      const status = () => (database.prepare('select sync_status as s from repository where linked = 1').get() as { s: string }).s;
      await waitFor(() => status() === 'synced', 'the resumed backfill to finish');
      const stored = (database.prepare('select sha from dev_commit order by sha').all() as Array<{ sha: string }>).map((row) => row.sha);
      database.close();
      report('Crash recovery: SIGKILL during a backfill', {
        'history commits': HISTORY,
        'pages read before the kill': pagesBeforeKill,
        'commits stored at the kill': storedAtKill,
        'pages read in all': pages(),
        'commits stored': stored.length,
        'missing / duplicated': `${history.filter((commit) => !stored.includes(commit.sha)).length} / ${stored.length - new Set(stored).size}`,
      });
      expect(storedAtKill).toBeLessThan(HISTORY);
      expect(stored).toEqual(history.map((commit) => commit.sha).sort());
    } finally {
      running?.child.kill('SIGKILL');
      await stub.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
