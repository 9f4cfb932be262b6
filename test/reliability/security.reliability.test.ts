import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { githubPush } from '../../sandbox/demo/github-payloads';
import { startGitHostStub } from '../../sandbox/provider-stub/git-host-stub';
import { setRepositoryLinks } from '../../src/account-admin/link-repositories';
import { runInvocation } from '../../src/local/invocation-scope';
import { checkEnterpriseHostUrl } from '../../src/git-hosts/host-url';
import { githubHostClient } from '../../src/git-hosts/github/github-host-client';
import { sandboxFixture, USERS } from '../support/sandbox-fixture';
import { githubRequest } from '../support/webhook-requests';
import { report } from './report';
import { composeApp } from '../../src/app/compose-app';

const BUILDS = ['static/admin/build', 'static/panel/build'].map((path) => resolve(path));

function filesUnder(root: string): string[] {
  return readdirSync(root).flatMap((name) => {
    const path = join(root, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('Custom UI bundles under Forge’s CSP', () => {
  it('have no inline script, eval or new Function, and load only from their own resource folder', () => {
    let scripts = 0;
    for (const build of BUILDS) {
      const html = readFileSync(join(build, 'index.html'), 'utf8');
      const tags = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      expect(tags.length).toBeGreaterThan(0);
      for (const [, attributes, body] of tags) {
        expect(body!.trim()).toBe('');
        expect(attributes).toMatch(/src="\.\/assets\/[\w.-]+\.js"/);
      }
      for (const [, url] of html.matchAll(/(?:src|href)="([^"]+)"/g)) expect(url).toMatch(/^\.\/[\w./-]+$/);
      expect(html).not.toMatch(/\son[a-z]+=/i);
      for (const file of filesUnder(build).filter((path) => path.endsWith('.js'))) {
        const code = readFileSync(file, 'utf8');
        scripts += 1;
        expect([file, /\beval\s*\(/.test(code), /\bnew\s+Function\s*\(/.test(code), /(?<![\w.])Function\s*\(\s*["'`]/.test(code)]).toEqual([file, false, false, false]);
        // Code is only ever loaded relative to the resource folder, never from another origin.
        expect([file, /import\s*\(\s*["'`]https?:/.test(code)]).toEqual([file, false]);
      }
    }
    report('Custom UI bundles', { 'builds checked': BUILDS.length, 'scripts scanned': scripts, 'inline scripts, eval, new Function': 0 });
  });
});

describe('secrets', () => {
  it('never appear in a resolver answer, a webtrigger answer, a log line, an error or a bundle', async () => {
    const stub = await startGitHostStub();
    const fixture = await sandboxFixture({ providerHosts: stub.hosts, allowPrivateHosts: true });
    try {
      const answers: string[] = [];
      const call = async (name: string, payload: unknown, accountId: string = USERS.admin, issueKey?: string) => {
        const answer = await runInvocation({ accountId }, () =>
          (composeApp(fixture.ports).resolvers as Record<string, (request: unknown) => Promise<unknown>>)[name]!({
            payload,
            context: { accountId, extension: issueKey ? { type: 'jira:issuePanel', issue: { key: issueKey } } : { type: 'jira:adminPage' } },
          }),
        );
        answers.push(JSON.stringify(answer));
        return answer as { ok: boolean; data: Record<string, unknown> };
      };
      const oauthSecret = 'oauth-secret-9b1e7c0d5f';
      const created = await call('createAccount', { provider: 'github', name: 'octo', oauthClientId: 'client-id-1', oauthClientSecret: oauthSecret });
      const accountId = created.data.accountId as string;
      // The webhook secret is shown once, in this answer only.
      const webhookSecret = created.data.webhookSecret as string;
      answers.pop();
      await call('useAccessToken', { accountId, token: 'ghp_wrong_but_secret_value_123' });
      await call('useAccessToken', { accountId, token: stub.tokens.github });
      await call('updateAccount', { accountId, oauthClientSecret: `${oauthSecret}-2` });
      await call('getAccount', { accountId });
      await call('startAuthorisation', { accountId });
      await call('listRemoteRepositories', { accountId });
      await setRepositoryLinks(fixture.ports, accountId, [{ providerRepoId: '5000', fullName: 'octo/repo-001', url: `${stub.url}/octo/repo-001`, linked: true }]);
      await call('getAdminOverview', {});
      const hooks = composeApp(fixture.ports).webtriggers;
      const push = githubPush('main', [{ sha: 'e'.repeat(40), message: 'DEMO-1 secret test', timestamp: '2026-11-01T10:00:00Z' }]);
      for (const secret of [webhookSecret, 'wrong']) answers.push(JSON.stringify(await hooks.githubWebhook(githubRequest(accountId, secret, 'push', push))));
      answers.push(
        JSON.stringify(await hooks.oauthCallback({ method: 'GET', path: '/', headers: {}, queryParameters: { account: [accountId], code: ['c'], state: ['forged'] }, body: '' })),
      );
      await call('getDevelopmentPanel', undefined, USERS.developer, 'DEMO-1');
      await call('deleteAccount', { accountId, confirmName: 'octo' });

      const secrets = [oauthSecret, `${oauthSecret}-2`, 'ghp_wrong_but_secret_value_123', stub.tokens.github, webhookSecret, stub.oauthClient.clientSecret];
      const bundles = BUILDS.flatMap(filesUnder).map((file) => readFileSync(file, 'utf8'));
      const places = { 'resolver and webtrigger answers': answers, 'log lines': fixture.log.lines, 'built bundles': bundles };
      for (const [place, texts] of Object.entries(places)) {
        for (const secret of secrets) expect([place, texts.some((text) => text.includes(secret))]).toEqual([place, false]);
      }
      // Nothing in the bundles looks like a credential either.
      for (const text of bundles) expect(/gh[pousr]_[A-Za-z0-9]{20,}|-----BEGIN [A-Z ]*PRIVATE KEY-----|xox[abp]-[A-Za-z0-9-]{10,}/.test(text)).toBe(false);
      report('Secrets', {
        'secrets set': secrets.length,
        'answers scanned': answers.length,
        'log lines scanned': fixture.log.lines.length,
        'bundle files scanned': bundles.length,
        'secrets found': 0,
      });
    } finally {
      await fixture.close();
      await stub.close();
    }
  });
});

describe('SSRF', () => {
  const refused = [
    'https://127.0.0.1',
    'https://2130706433',
    'https://0177.0.0.1',
    'https://0x7f.0.0.1',
    'https://127.1',
    'https://0',
    'https://10.1.2.3',
    'https://172.16.0.9',
    'https://192.168.1.1',
    'https://169.254.169.254',
    'https://100.64.0.1',
    'https://[::1]',
    'https://[::]',
    'https://[::ffff:127.0.0.1]',
    'https://[::ffff:7f00:1]',
    'https://[fe80::1]',
    'https://[fd00::1]',
    'https://localhost',
    'https://ghe.localhost',
    'https://metadata.google.internal',
    'https://printer.local',
    // Issue 13, item 6: FQDN forms, embedded IPv4, deprecated site-local and the other IANA special-purpose blocks.
    'https://localhost.',
    'https://metadata.google.internal.',
    'https://[::127.0.0.1]',
    'https://[64:ff9b::a9fe:a9fe]',
    'https://[2002:a9fe:a9fe::]',
    'https://[fec0::1]',
    'https://198.18.0.1',
    'https://224.0.0.1',
    'https://255.255.255.255',
    'https://192.0.2.1',
    'https://203.0.113.9',
    'https://240.0.0.1',
    'https://[64:ff9b:1::a9fe:a9fe]',
    'https://[2001::1]',
    'https://[2001:db8::1]',
    'https://[100::1]',
    'https://[ff02::1]',
    'https://[4000::1]',
  ];

  it('refuses private, loopback, link-local and other special-purpose hosts in every notation', () => {
    for (const url of refused) expect([url, checkEnterpriseHostUrl(url).ok]).toEqual([url, false]);
    for (const url of ['https://github.example.com', 'https://github.example.com.', 'https://8.8.8.8', 'https://[2606:4700::1111]'])
      expect([url, checkEnterpriseHostUrl(url).ok]).toEqual([url, true]);
  });

  it('refuses a name that does not resolve or resolves to any non-public address, checks again before each request, and follows no cursor to another host', async () => {
    const fixture = await sandboxFixture();
    let requestsSent = 0;
    try {
      const resolved: Record<string, string[]> = {
        'rebind.example.com': ['140.82.112.3', '127.0.0.1'],
        'meta.example.com': ['fe80::1'],
        'nat64.example.com': ['64:ff9b::a9fe:a9fe'],
        'ok.example.com': ['140.82.112.7'],
      };
      fixture.ports.config.resolveHost = async (host) => resolved[host] ?? [];
      fixture.ports.fetch = async () => {
        requestsSent += 1;
        return { ok: true, status: 200, headers: { get: () => null }, text: async () => '{"login":"octo"}', json: async () => ({ login: 'octo' }) };
      };
      const resolvers = composeApp(fixture.ports).resolvers as Record<string, (request: unknown) => Promise<unknown>>;
      const call = (name: string, payload: unknown) =>
        runInvocation({ accountId: USERS.admin }, () => resolvers[name]!({ payload, context: { accountId: USERS.admin } })) as Promise<{
          ok: boolean;
          data?: Record<string, unknown>;
          error?: { code: string; message: string };
        }>;
      // The same checks for every kind of account that lives on a customer's own server.
      for (const provider of ['github-enterprise', 'gitlab', 'bitbucket-data-center'] as const) {
        const name = provider.replace(/-/g, '_');
        const create = (hostUrl: string) => call('createAccount', { provider, hostUrl, name });
        expect(await create('https://rebind.example.com')).toMatchObject({ ok: false, error: { message: expect.stringContaining('resolves to 127.0.0.1') } });
        expect(await create('https://meta.example.com')).toMatchObject({ ok: false, error: { message: expect.stringContaining('link-local') } });
        expect(await create('https://nat64.example.com.')).toMatchObject({ ok: false, error: { message: expect.stringContaining('NAT64') } });
        expect(await create('https://gone.example.com')).toMatchObject({ ok: false, error: { message: expect.stringContaining('gone.example.com does not resolve') } });
        resolved['ok.example.com'] = ['140.82.112.7'];
        const created = await create('https://ok.example.com.');
        expect(created).toMatchObject({ ok: true });
        // DNS rebinding: public when the account was created, the cloud metadata address when the app calls it.
        resolved['ok.example.com'] = ['169.254.169.254'];
        expect(await call('useAccessToken', { accountId: created.data!.accountId, token: 'token_for_rebinding_test_0001' })).toMatchObject({
          ok: false,
          error: { code: 'egress_not_allowed', message: expect.stringContaining('ok.example.com resolves to 169.254.169.254') },
        });
      }
      expect(requestsSent).toBe(0);
    } finally {
      await fixture.close();
    }
    // A "next page" URL is only followed on the host's own API.
    const fetched: string[] = [];
    const client = githubHostClient(
      async (url) => {
        fetched.push(url);
        return { ok: true, status: 200, headers: { get: () => null }, text: async () => '[]', json: async () => [] };
      },
      { now: () => 0 },
      { web: 'https://github.com', api: 'https://api.github.com' },
    );
    const repository = { providerRepoId: '1', fullName: 'a/b', url: 'https://github.com/a/b' };
    await expect(client.commits('t', repository, 'main', 'http://169.254.169.254/latest/meta-data')).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(client.branches('t', repository, 'https://api.github.com.evil.example/x')).rejects.toMatchObject({ code: 'invalid_input' });
    expect(fetched).toEqual([]);
    report('SSRF', {
      'address forms refused': refused.length,
      'DNS names refused (non-public or unresolved)': 4,
      'rebound names refused at request time': 1,
      'requests sent to them': requestsSent,
      'foreign cursors followed': 0,
    });
  });
});
