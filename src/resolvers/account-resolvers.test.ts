import { readSummaries } from '../dev-info/dev-info-reader';
import { githubPush } from '../../sandbox/demo/github-payloads';
import { linkRepositories } from '../../test/support/linked-repositories';
import { githubRequest } from '../../test/support/webhook-requests';
import { startGitHostStub, type GitHostStub } from '../../sandbox/provider-stub/git-host-stub';
import { seedCommit } from '../../test/support/dev-data';
import { sandboxFixture, USERS } from '../../test/support/sandbox-fixture';
import { runInvocation } from '../local/invocation-scope';
import { handleOAuthCallback } from '../webtrigger-endpoints/oauth-callback';
import { ACCOUNT_RESOLVER_NAMES } from './account-resolvers';
import { composeApp } from '../app/compose-app';

type Fixture = Awaited<ReturnType<typeof sandboxFixture>>;

describe('DVCS account resolvers', () => {
  let stub: GitHostStub;
  let fixture: Fixture;
  let now: number;
  const responses: string[] = [];

  beforeAll(async () => {
    stub = await startGitHostStub({ githubRepositories: 130 });
  });
  afterAll(() => stub.close());
  beforeEach(async () => {
    now = Date.parse('2026-11-20T10:00:00Z');
    fixture = await sandboxFixture({ providerHosts: stub.hosts, allowPrivateHosts: true, now: () => now });
  });
  afterEach(() => fixture.close());

  async function call(name: string, payload: unknown, caller: string | null = USERS.admin): Promise<any> {
    const accountId = caller ?? undefined;
    const answer = await runInvocation({ accountId }, () =>
      (composeApp(fixture.ports).resolvers as Record<string, (request: unknown) => Promise<unknown>>)[name]!({
        payload,
        context: { accountId, extension: { type: 'jira:adminPage' } },
      }),
    );
    responses.push(JSON.stringify(answer));
    return answer;
  }
  const data = async (name: string, payload: unknown) => {
    const answer = await call(name, payload);
    if (!answer.ok) throw new Error(`${name} failed: ${JSON.stringify(answer.error)}`);
    return answer.data;
  };

  it.each(ACCOUNT_RESOLVER_NAMES.flatMap((name) => [USERS.developer, USERS.viewer, null].map((user) => [name, user] as const)))(
    '%s refuses a caller without Administer Jira (%s) and changes nothing',
    async (name, user) => {
      const before = await fixture.ports.database.db.selectFrom('account').selectAll().execute();
      const answer = await call(name, { accountId: 'acc_x', provider: 'github', name: 'octo' }, user);
      expect(answer).toEqual({ ok: false, error: { code: 'forbidden', message: 'Only Jira administrators can manage DVCS accounts.' } });
      expect(await fixture.ports.database.db.selectFrom('account').selectAll().execute()).toEqual(before);
    },
  );

  it.each([
    [{ provider: 'github', name: 'octo', isAdmin: true }, 'request', /^This page sent a field the app does not accept \(isAdmin\)/],
    [{ provider: 'perforce', name: 'octo' }, 'provider', /^Host: choose one of the options shown\.$/],
    [{ provider: 'github', name: 'x'.repeat(101) }, 'name', /^Organisation or user: use at most 100 characters\.$/],
    [{ provider: 'bitbucket-cloud', name: 'has spaces' }, 'name', /^Workspace: use the name exactly as it appears in its address/],
    [{ provider: 'github', name: '' }, 'name', /^Organisation or user: enter the name as it appears in its address/],
    [{ provider: 'github-enterprise', name: 'octo', hostUrl: 'https://github.example.com/api/v3' }, 'hostUrl', /^Host URL: Enter only the server address/],
    [{ provider: 'github-enterprise', name: 'octo' }, 'hostUrl', /^Host URL: /],
    [{ provider: 'github', name: 'octo', oauthClientId: 'javascript:alert(1)' }, 'oauthClientId', /^OAuth key \(client id\): copy it exactly from the OAuth app's page on GitHub/],
    [{ provider: 'github', name: 'octo', oauthClientId: '🔑'.repeat(10) }, 'oauthClientId', /^OAuth key \(client id\): copy it exactly/],
    [
      { provider: 'github', name: 'octo', oauthClientSecret: 'a-secret-without-its-key' },
      'oauthClientId',
      /^OAuth key \(client id\): enter the key that goes with the OAuth secret/,
    ],
    [
      { provider: 'github', name: 'octo', oauthClientId: 'Ov23linvCi8kvFipqMHh', oauthClientSecret: 'x'.repeat(501) },
      'oauthClientSecret',
      /^OAuth secret: use at most 500 characters\./,
    ],
  ])('rejects an invalid new account %j, in the page’s words, beside the field', async (payload, field, message) => {
    const answer = await call('createAccount', payload);
    expect(answer.ok).toBe(false);
    expect(answer.error.code).toBe('invalid_input');
    expect(answer.error.message).toMatch(message);
    // Never the schema library's own text.
    expect(answer.error.message).not.toMatch(/Too (big|small)|expected|Invalid (input|option|string)/);
    expect(answer.error.field).toBe(field);
    expect(await fixture.ports.database.db.selectFrom('account').selectAll().execute()).toEqual([]);
  });

  it('refuses private GitHub Enterprise hosts unless the sandbox allows them', async () => {
    const strict = await sandboxFixture({ providerHosts: stub.hosts });
    const answer = await runInvocation({ accountId: USERS.admin }, () =>
      composeApp(strict.ports).resolvers.createAccount({
        payload: { provider: 'github-enterprise', name: 'octo', hostUrl: stub.enterpriseUrl },
        context: { accountId: USERS.admin },
      }),
    );
    await strict.close();
    expect(answer).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        message: expect.stringMatching(/^Host URL: (The server address must start with https|That address is on a private network)/),
        field: 'hostUrl',
      },
    });
  });

  it('links a GitHub account with a token: repositories page by page, webhooks created, backfill queued, unlinked, deleted', async () => {
    const queued: unknown[] = [];
    fixture.ports.queue.push = async (jobs) => void queued.push(...jobs.map((job) => job.body));
    const created = await data('createAccount', { provider: 'github', name: 'octo', settings: { smartCommits: false } });
    expect(created).toEqual({
      accountId: expect.stringMatching(/^acc_/),
      webhookSecret: expect.stringMatching(/^[0-9a-f]{64}$/),
      callbackUrl: `http://localhost:8080/x/oauth-callback?account=${created.accountId}`,
      webhookUrl: `http://localhost:8080/x/github-webhook?account=${created.accountId}`,
    });
    const bad = await call('useAccessToken', { accountId: created.accountId, token: 'ghp_not_a_real_token' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'provider_invalid_credentials', details: 'HTTP 401: Bad credentials' } });
    expect(await data('useAccessToken', { accountId: created.accountId, token: stub.tokens.github })).toEqual({ identity: 'octo' });

    const first = await data('listRemoteRepositories', { accountId: created.accountId });
    expect(first.repositories).toHaveLength(100);
    const second = await data('listRemoteRepositories', { accountId: created.accountId, cursor: first.next });
    expect([second.repositories.length, second.next]).toEqual([30, null]);
    const forged = await call('listRemoteRepositories', { accountId: created.accountId, cursor: 'http://169.254.169.254/latest/meta-data' });
    expect(forged).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    const [repoA, repoB] = first.repositories.map(({ providerRepoId, fullName, url }: any) => ({ providerRepoId, fullName, url }));
    const linked = await data('setRepositoryLinks', {
      accountId: created.accountId,
      changes: [
        { ...repoA, linked: true },
        { ...repoB, linked: true },
      ],
    });
    expect(linked.results.map((result: any) => result.webhook)).toEqual(['created', 'created']);
    expect(stub.webhooks.filter((hook) => hook.host === 'github').map((hook) => [hook.repository, hook.url, hook.secret])).toEqual([
      [repoA.fullName, created.webhookUrl, created.webhookSecret],
      [repoB.fullName, created.webhookUrl, created.webhookSecret],
    ]);
    expect(queued).toEqual([expect.objectContaining({ kind: 'backfill' }), expect.objectContaining({ kind: 'backfill' })]);
    const details = await data('getAccount', { accountId: created.accountId });
    expect(details).toMatchObject({
      // Derived from the repositories too: their histories are queued, so the account is syncing, not just connected.
      status: 'syncing',
      repositoryResults: { linked: 2, inProgress: 2, failed: 0 },
      authMethod: 'access-token',
      settings: { autoLinkNewRepositories: true, smartCommits: false },
      secrets: { credential: true, webhookSecret: true, oauthClientSecret: false },
      requiredPermissions: ['repo', 'read:org', 'admin:repo_hook'],
      repositories: [expect.objectContaining({ fullName: repoA.fullName, webhook: 'app' }), expect.objectContaining({ fullName: repoB.fullName, webhook: 'app' })],
    });

    const repositoryId = details.repositories[0].id;
    queued.length = 0;
    await data('requestSync', { accountId: created.accountId, repositoryId, mode: 'now' });
    await data('requestSync', { accountId: created.accountId, repositoryId, mode: 'full' });
    expect(queued).toEqual([
      { kind: 'reconcile', repositoryId },
      { kind: 'backfill', repositoryId },
    ]);
    expect(await call('requestSync', { accountId: created.accountId, repositoryId: 'repo_000000000000000000000000', mode: 'now' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    await seedCommit(fixture.ports, repositoryId, 'a'.repeat(40), 'DEMO-1 x', ['DEMO-1'], 1);
    const unlinked = await data('setRepositoryLinks', { accountId: created.accountId, changes: [{ ...repoA, linked: false }] });
    expect(unlinked.results).toEqual([{ fullName: repoA.fullName, linked: false, webhook: 'removed' }]);
    // Gone from the panel at once; the rows themselves are removed by a queued clean-up.
    expect((await readSummaries(fixture.ports.database, ['DEMO-1'])).get('DEMO-1')!.commits).toBe(0);
    expect(queued).toContainEqual({ kind: 'purge', repositoryId });
    await composeApp(fixture.ports).jobs.runBackfillJob({ kind: 'purge', repositoryId });
    expect(await fixture.ports.database.db.selectFrom('issue_link').selectAll().execute()).toEqual([]);
    expect(await fixture.ports.database.db.selectFrom('dev_commit').selectAll().execute()).toEqual([]);

    const deletion = await data('deleteAccount', { accountId: created.accountId });
    // One linked repository left (the other was unlinked above): the count the delete confirmation showed.
    expect(deletion).toEqual({ repositories: 1, webhooksRemoved: 1, webhooksLeft: [] });
    expect(stub.webhooks.filter((hook) => hook.host === 'github')).toEqual([]);
    expect(await fixture.ports.secrets.get(`account:${created.accountId}:webhook-secret`)).toBeUndefined();
    expect(await fixture.ports.secrets.get(`account:${created.accountId}:credentials`)).toBeUndefined();
    expect(await call('getAccount', { accountId: created.accountId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('accepts a credential only if it can read the account, and each account once', async () => {
    const someone = await data('createAccount', { provider: 'github', name: 'someone-else' });
    // The token is octo's: octo is not someone-else, nor a member of an organisation of that name.
    const refused = await call('useAccessToken', { accountId: someone.accountId, token: stub.tokens.github });
    expect(refused).toMatchObject({ ok: false, error: { code: 'provider_forbidden', message: expect.stringMatching(/belongs to octo, who cannot read someone-else/) } });
    expect(await fixture.ports.secrets.get(`account:${someone.accountId}:credentials`)).toBeUndefined();
    // octo is an active member of octo-org: their token may serve that organisation's account.
    const org = await data('createAccount', { provider: 'github', name: 'octo-org' });
    expect(await data('useAccessToken', { accountId: org.accountId, token: stub.tokens.github })).toEqual({ identity: 'octo' });
    // The same organisation twice, in any case, is refused.
    expect(await call('createAccount', { provider: 'github', name: 'OCTO-ORG' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('octo-org on https://github.com is already linked') },
    });
  });

  it('authorises a GitHub Enterprise account through OAuth: single-use, account-bound, ten-minute state', async () => {
    const created = await data('createAccount', {
      provider: 'github-enterprise',
      hostUrl: stub.enterpriseUrl,
      name: 'octo',
      oauthClientId: stub.oauthClient.clientId,
      oauthClientSecret: stub.oauthClient.clientSecret,
    });
    const callback = async (location: string) => {
      const back = new URL(location);
      return handleOAuthCallback(fixture.ports, {
        method: 'GET',
        path: back.pathname,
        headers: {},
        queryParameters: Object.fromEntries([...back.searchParams.keys()].map((key) => [key, back.searchParams.getAll(key)])),
        body: '',
      });
    };
    const authorise = async () => {
      const { authoriseUrl } = await data('startAuthorisation', { accountId: created.accountId });
      expect(authoriseUrl.startsWith(`${stub.enterpriseUrl}/login/oauth/authorize?`)).toBe(true);
      expect(new URL(authoriseUrl).searchParams.get('scope')).toBe('repo read:org admin:repo_hook');
      const redirect = await fetch(authoriseUrl, { redirect: 'manual' });
      return redirect.headers.get('location')!;
    };

    const location = await authorise();
    const page = await callback(location);
    expect([page.statusCode, page.body]).toEqual([200, expect.stringContaining('GitHub Enterprise account connected')]);
    expect(await data('getAccount', { accountId: created.accountId })).toMatchObject({ status: 'connected', authMethod: 'oauth', secrets: { credential: true } });

    const replay = await callback(location);
    expect([replay.statusCode, replay.body]).toEqual([400, expect.stringContaining('expired or was already used')]);

    const other = await data('createAccount', { provider: 'github', name: 'octo-org' });
    const stolen = await callback(location.replace(created.accountId, other.accountId));
    expect(stolen.body).toContain('not valid for this account');

    const late = await authorise();
    now += 10 * 60 * 1000 + 1;
    expect((await callback(late)).body).toContain('expired or was already used');

    const denied = await handleOAuthCallback(fixture.ports, {
      method: 'GET',
      path: '/',
      headers: {},
      queryParameters: { account: [created.accountId], error: ['access_denied'] },
      body: '',
    });
    expect([denied.statusCode, denied.body]).toEqual([400, expect.stringContaining('Authorisation was not granted')]);
    expect(denied.body).toContain('You (or the Git host) declined the authorisation');
    // Anyone can open the callback with any text: a known code gets fixed words, anything else a short echo.
    const forged = await handleOAuthCallback(fixture.ports, {
      method: 'GET',
      path: '/',
      headers: {},
      queryParameters: { account: [created.accountId], error: ['x'.repeat(500)], error_description: [`Call +1 555 0100 to fix your account ${'!'.repeat(10_000)}`] },
      body: '',
    });
    expect(forged.statusCode).toBe(400);
    expect(forged.body.length).toBeLessThan(2_000);
    expect(forged.body).not.toContain('!'.repeat(201));
  });

  it('explains a wrong OAuth secret in the admin’s words, keeping the host’s message as detail', async () => {
    const created = await data('createAccount', { provider: 'github', name: 'octo', oauthClientId: stub.oauthClient.clientId, oauthClientSecret: 'wrong-secret' });
    const { authoriseUrl } = await data('startAuthorisation', { accountId: created.accountId });
    const location = (await fetch(authoriseUrl, { redirect: 'manual' })).headers.get('location')!;
    const back = new URL(location);
    const page = await handleOAuthCallback(fixture.ports, {
      method: 'GET',
      path: '/',
      headers: {},
      queryParameters: { account: [created.accountId], code: [back.searchParams.get('code')!], state: [back.searchParams.get('state')!] },
      body: '',
    });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('GitHub rejected the OAuth key or secret. Check the client id and secret of the OAuth app registered at');
    expect(page.body).toContain('incorrect_client_credentials');
    expect(page.body).not.toContain('wrong-secret');
  });

  it('authorises a Bitbucket consumer with client credentials and refreshes its token before it expires', async () => {
    const created = await data('createAccount', {
      provider: 'bitbucket-cloud',
      name: 'acme',
      oauthClientId: stub.oauthClient.clientId,
      oauthClientSecret: stub.oauthClient.clientSecret,
    });
    expect(await data('authoriseWithClientCredentials', { accountId: created.accountId })).toEqual({ identity: 'acme' });
    const first = JSON.parse((await fixture.ports.secrets.get(`account:${created.accountId}:credentials`))!);
    now += 2 * 3600 * 1000 - 60 * 1000;
    const listed = await data('listRemoteRepositories', { accountId: created.accountId });
    expect(listed.repositories.map((repo: any) => repo.fullName)).toEqual(['acme/service-1', 'acme/service-2']);
    const second = JSON.parse((await fixture.ports.secrets.get(`account:${created.accountId}:credentials`))!);
    expect(second.accessToken).not.toBe(first.accessToken);
    const { providerRepoId, fullName, url } = listed.repositories[0];
    const results = await data('setRepositoryLinks', { accountId: created.accountId, changes: [{ providerRepoId, fullName, url, linked: true }] });
    expect(results.results).toEqual([{ fullName: 'acme/service-1', linked: true, webhook: 'created' }]);
    expect(stub.webhooks.find((hook) => hook.host === 'bitbucket')?.events).toEqual([
      'repo:push',
      'pullrequest:created',
      'pullrequest:updated',
      'pullrequest:fulfilled',
      'pullrequest:rejected',
      'pullrequest:approved',
      'pullrequest:unapproved',
      'pullrequest:changes_request_created',
      'pullrequest:changes_request_removed',
      'repo:commit_status_created',
      'repo:commit_status_updated',
    ]);
  });

  it('regenerates the webhook secret on every webhook it manages, says which it could not, and accepts the old one for an hour', async () => {
    let now = Date.parse('2026-11-23T10:00:00Z');
    fixture.ports.clock = { now: () => now };
    const created = await data('createAccount', { provider: 'github', name: 'octo' });
    await data('useAccessToken', { accountId: created.accountId, token: stub.tokens.github });
    const [managed, byHand] = (
      (await data('listRemoteRepositories', { accountId: created.accountId })).repositories as Array<{ providerRepoId: string; fullName: string; url: string }>
    ).map(({ providerRepoId, fullName, url }) => ({ providerRepoId, fullName, url }));
    await data('setRepositoryLinks', { accountId: created.accountId, changes: [{ ...managed!, linked: true }] });
    await linkRepositories(fixture.ports, created.accountId, [byHand!]);
    const rotated = await data('regenerateWebhookSecret', { accountId: created.accountId });
    expect(rotated).toEqual({
      webhookSecret: expect.stringMatching(/^[0-9a-f]{64}$/),
      updated: [managed!.fullName],
      notUpdated: [{ fullName: byHand!.fullName, reason: expect.stringContaining('added by hand') }],
      previousAcceptedUntil: now + 60 * 60 * 1000,
    });
    expect(stub.webhooks.find((hook) => hook.repository === managed!.fullName)?.secret).toBe(rotated.webhookSecret);
    // A delivery still signed with the previous secret (in flight, or from the hook added by hand) is accepted for an hour.
    const hooks = composeApp(fixture.ports).webtriggers;
    const ping = githubPush('main', [{ sha: 'a'.repeat(40), message: 'no key', timestamp: '2026-11-23T09:00:00Z' }]);
    expect((await hooks.githubWebhook(githubRequest(created.accountId, created.webhookSecret, 'push', ping))).statusCode).not.toBe(401);
    expect((await hooks.githubWebhook(githubRequest(created.accountId, rotated.webhookSecret, 'push', ping))).statusCode).not.toBe(401);
    now += 60 * 60 * 1000 + 1;
    expect((await hooks.githubWebhook(githubRequest(created.accountId, created.webhookSecret, 'push', ping))).statusCode).toBe(401);
  });

  it('never sends a secret to the browser or writes one to a log', async () => {
    const created = await data('createAccount', { provider: 'github', name: 'octo', oauthClientId: stub.oauthClient.clientId, oauthClientSecret: stub.oauthClient.clientSecret });
    await data('useAccessToken', { accountId: created.accountId, token: stub.tokens.github });
    await data('updateAccount', { accountId: created.accountId, oauthClientSecret: 'rotated-secret-value-123' });
    const rotated = await data('regenerateWebhookSecret', { accountId: created.accountId });
    await data('getAccount', { accountId: created.accountId });
    await data('getAdminOverview', {});
    const shownOnce = new Set([created.webhookSecret, rotated.webhookSecret]);
    const secrets = [stub.oauthClient.clientSecret, stub.tokens.github, 'rotated-secret-value-123', created.webhookSecret, rotated.webhookSecret];
    const everything = [...responses, ...fixture.log.lines];
    for (const secret of secrets) {
      const leaks = everything.filter((text) => text.includes(secret));
      // The two webhook secrets appear exactly once each: in the answer that created them.
      expect(leaks).toHaveLength(shownOnce.has(secret) ? 1 : 0);
    }
  });
});
