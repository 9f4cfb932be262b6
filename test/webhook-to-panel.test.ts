import { bitbucketSampleRepositories, GITHUB_EXAMPLE, linkRepositories } from './support/linked-repositories';
import { readSharedFixture } from './support/shared-fixtures';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { githubPullRequest, githubPush } from '../sandbox/demo/github-payloads';
import { bitbucketHeaders, githubHeaders } from '../sandbox/demo/signed-delivery';
import { startSandbox, type RunningSandbox } from '../sandbox/sandbox-server';
import { createAccount } from '../src/account-admin/create-account';
import { memoryLogger, USERS } from './support/sandbox-fixture';

/** The panel resolver's answer, as far as these tests read it (resolver-contract.ts has the whole shape). */
type PanelReply = { ok: boolean; data: { access: string; summary?: { commits: number } } };

/**
 * End to end over HTTP: signed real payloads POSTed to the sandbox's webtrigger URLs, then the panel
 * resolver called through the sandbox's invoke endpoint as three different users.
 */
describe('from webhook to Development panel', () => {
  let sandbox: RunningSandbox;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'dvcs-flow-'));
    sandbox = await startSandbox({ port: 0, dataDir, log: memoryLogger() });
  });
  afterAll(async () => {
    await sandbox.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function deliver(path: string, accountId: string, body: string, headers: Record<string, string>) {
    const response = await fetch(`${sandbox.url}${path}?account=${accountId}`, { method: 'POST', headers, body });
    return { status: response.status, body: (await response.json()) as { ok: boolean; message: string } };
  }

  async function panelAs(accountId: string, issueKey: string) {
    const response = await fetch(`${sandbox.url}/__sandbox/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `sandbox_user=${encodeURIComponent(accountId)}` },
      body: JSON.stringify({ moduleKey: 'development-panel', issueKey, functionKey: 'getDevelopmentPanel' }),
    });
    return ((await response.json()) as { result: PanelReply }).result;
  }

  it('shows signed GitHub and Bitbucket deliveries on the issues they mention, to those allowed', async () => {
    const github = await createAccount(sandbox.ports, { provider: 'github', hostUrl: 'https://github.com', name: 'Codertocat', authMethod: 'oauth' });
    const bitbucket = await createAccount(sandbox.ports, { provider: 'bitbucket-cloud', hostUrl: 'https://bitbucket.org', name: 'cloudbeers', authMethod: 'oauth' });
    await linkRepositories(sandbox.ports, github.id, [GITHUB_EXAMPLE]);
    await linkRepositories(sandbox.ports, bitbucket.id, bitbucketSampleRepositories());

    const push = JSON.stringify(githubPush('main', [{ sha: 'f'.repeat(40), message: 'DEMO-1 OPS-2 Share the queue metrics', timestamp: '2026-11-01T10:00:00Z' }]));
    expect(await deliver('/x/github-webhook', github.id, push, githubHeaders(github.webhookSecret, 'push', push))).toMatchObject({ status: 200, body: { ok: true } });
    const pull = JSON.stringify(githubPullRequest({ number: 3, title: 'DEMO-1 Metrics', head: 'metrics', state: 'open', updatedAt: '2026-11-01T11:00:00Z' }));
    expect((await deliver('/x/github-webhook', github.id, pull, githubHeaders(github.webhookSecret, 'pull_request', pull))).status).toBe(200);
    const bitbucketPush = readSharedFixture('bitbucket', 'signed_payload.json');
    const withKey = bitbucketPush.replace(/"message":"/g, '"message":"OPS-2 ');
    const bitbucketCommits = JSON.parse(withKey).push.changes[0].commits.length as number;
    expect(bitbucketCommits).toBeGreaterThan(0);
    expect((await deliver('/x/bitbucket-webhook', bitbucket.id, withKey, bitbucketHeaders(bitbucket.webhookSecret, 'repo:push', withKey))).status).toBe(200);
    const forged = await deliver('/x/github-webhook', github.id, push.replace('Share', 'Steal'), githubHeaders('guess', 'push', push));
    expect(forged).toEqual({ status: 401, body: { ok: false, message: expect.stringContaining('signature does not match') } });

    const dana = await panelAs(USERS.developer, 'DEMO-1');
    expect(dana).toMatchObject({ ok: true, data: { access: 'granted', summary: { commits: 1, pullRequests: { open: 1 } } } });
    expect((await panelAs(USERS.developer, 'OPS-2')).data.summary?.commits).toBe(1 + bitbucketCommits);

    const victor = await panelAs(USERS.viewer, 'DEMO-1');
    expect(victor).toEqual({ ok: true, data: { access: 'denied', issueKey: 'DEMO-1', message: 'You need the View Development Tools permission to see development information.' } });

    const olivia = await panelAs(USERS.opsOnly, 'OPS-2');
    expect(olivia).toMatchObject({ ok: true, data: { access: 'granted', summary: { commits: 1 + bitbucketCommits } } });
    expect((await panelAs(USERS.opsOnly, 'DEMO-1')).data.access).toBe('denied');
  });

  it('answers 413 over HTTP to a body declared larger than Forge lets a web trigger receive (5 MB), without reading it', async () => {
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest(`${sandbox.url}/x/github-webhook?account=x`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(5_000_001) },
      });
      request.on('response', (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      });
      request.on('error', reject);
      request.write('{"ref":');
    });
    expect(status).toBe(413);
    expect(JSON.parse(body)).toEqual({ ok: false, message: 'The request body is larger than the 5 MB Forge lets a web trigger receive.' });
  });
});
