import { startGitHostStub, type GitHostStub } from '../../sandbox/provider-stub/git-host-stub';
import { seedCommit } from '../../test/support/dev-data';
import { linkRepositories } from '../../test/support/linked-repositories';
import { sandboxFixture, USERS } from '../../test/support/sandbox-fixture';
import { composeApp } from '../app/compose-app';
import { runInvocation } from '../local/invocation-scope';

type Fixture = Awaited<ReturnType<typeof sandboxFixture>>;

/** The admin page's account status and the actions that must not make it lie, through the real resolvers and jobs. */
describe("an account's status on the admin page", () => {
  let stub: GitHostStub;
  let fixture: Fixture;
  let hostDown = false;
  const queued: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    stub = await startGitHostStub({ githubRepositories: 3 });
  });
  afterAll(() => stub.close());
  beforeEach(async () => {
    fixture = await sandboxFixture({ providerHosts: stub.hosts, allowPrivateHosts: true });
    hostDown = false;
    queued.length = 0;
    fixture.ports.queue.push = async (jobs) => void queued.push(...jobs.map((job) => job.body));
    // The Git host "goes down": every request to it fails before an answer, as when it cannot be reached.
    const fetch = fixture.ports.fetch;
    fixture.ports.fetch = async (url, init) => {
      if (hostDown) throw new TypeError('fetch failed: connect ECONNREFUSED');
      return fetch(url, init);
    };
  });
  afterEach(() => fixture.close());

  async function call(name: string, payload: unknown): Promise<any> {
    return runInvocation({ accountId: USERS.admin }, () =>
      (composeApp(fixture.ports).resolvers as Record<string, (request: unknown) => Promise<unknown>>)[name]!({
        payload,
        context: { accountId: USERS.admin, extension: { type: 'jira:adminPage' } },
      }),
    );
  }
  const data = async (name: string, payload: unknown) => {
    const answer = await call(name, payload);
    if (!answer.ok) throw new Error(`${name} failed: ${JSON.stringify(answer.error)}`);
    return answer.data;
  };
  /** Runs what the resolvers queued, as Forge's queue would. */
  const runQueued = async () => {
    for (const job of queued.splice(0)) await composeApp(fixture.ports).jobs.runBackfillJob(job);
  };
  const overviewStatus = async (accountId: string) => (await data('getAdminOverview', undefined)).accounts.find((account: any) => account.id === accountId).status;

  async function linkedGithubAccount() {
    const { accountId } = await data('createAccount', { provider: 'github', name: 'octo' });
    await data('useAccessToken', { accountId, token: stub.tokens.github });
    const { repositories } = await data('listRemoteRepositories', { accountId });
    const { providerRepoId, fullName, url } = repositories[0];
    await data('setRepositoryLinks', { accountId, changes: [{ providerRepoId, fullName, url, linked: true }] });
    await runQueued();
    const [repository] = (await data('getAccount', { accountId })).repositories;
    return { accountId, repositoryId: repository.id as string, fullName: fullName as string };
  }

  it('says the host is unreachable while it is (not "Connected"), and Connected again once a sync works', async () => {
    const { accountId, repositoryId, fullName } = await linkedGithubAccount();
    expect((await data('getAccount', { accountId })).status).toBe('connected');

    hostDown = true;
    await data('requestSync', { accountId, repositoryId, mode: 'now' });
    expect(await overviewStatus(accountId)).toBe('syncing');
    await runQueued();
    const down = await data('getAccount', { accountId });
    expect(down.status).toBe('unreachable');
    expect(down.repositoryResults).toMatchObject({ linked: 1, failed: 1, latestError: { fullName, message: expect.stringContaining('could not be reached') } });
    // The list says the same as the account's page: one source for both.
    expect(await overviewStatus(accountId)).toBe('unreachable');

    hostDown = false;
    await data('requestSync', { accountId, repositoryId, mode: 'now' });
    await runQueued();
    const back = await data('getAccount', { accountId });
    expect([back.status, back.repositoryResults.failed, back.repositories[0].lastError]).toEqual(['connected', 0, null]);
  });

  it('says "Sync failing" when the host answers but a repository’s last sync failed', async () => {
    const { accountId, repositoryId } = await linkedGithubAccount();
    await fixture.ports.database.db
      .updateTable('repository')
      .set({ sync_status: 'failed', last_error: 'Repository no longer exists or access was removed.' })
      .where('id', '=', repositoryId)
      .execute();
    expect(await overviewStatus(accountId)).toBe('sync-failing');
  });

  it('shows an account fed by webhooks as "Webhooks only", and refuses Sync now and Full resync without a credential instead of failing them', async () => {
    const { accountId } = await data('createAccount', { provider: 'github', name: 'Codertocat' });
    expect(await overviewStatus(accountId)).toBe('needs-authorisation');
    const [repositoryId] = await linkRepositories(fixture.ports, accountId, [
      { providerRepoId: '1296269', fullName: 'Codertocat/Hello-World', url: 'https://github.com/Codertocat/Hello-World' },
    ]);
    expect(await overviewStatus(accountId)).toBe('webhooks-only');

    for (const mode of ['now', 'full']) {
      const refused = await call('requestSync', { accountId, repositoryId, mode });
      expect(refused).toEqual({
        ok: false,
        error: {
          code: 'invalid_input',
          message:
            'Codertocat has no credential yet, so the app cannot read Codertocat/Hello-World from GitHub. Authorise the account, or save an access token, then sync; until then webhooks keep it up to date.',
        },
      });
    }
    expect(queued).toEqual([]);
    const account = await data('getAccount', { accountId });
    expect([account.status, account.repositories[0].syncStatus, account.repositories[0].lastError]).toEqual(['webhooks-only', 'webhook', null]);
  });

  it('counts what unlinking would take off the issues', async () => {
    const { accountId } = await data('createAccount', { provider: 'github', name: 'octo' });
    const [first, second] = await linkRepositories(fixture.ports, accountId, [
      { providerRepoId: '1', fullName: 'octo/app', url: 'https://github.com/octo/app' },
      { providerRepoId: '2', fullName: 'octo/docs', url: 'https://github.com/octo/docs' },
    ]);
    await seedCommit(fixture.ports, first!, 'a'.repeat(40), 'DEMO-1 DEMO-2 a', ['DEMO-1', 'DEMO-2'], 1);
    await seedCommit(fixture.ports, first!, 'b'.repeat(40), 'DEMO-2 b', ['DEMO-2'], 2);
    await seedCommit(fixture.ports, second!, 'c'.repeat(40), 'OPS-1 c', ['OPS-1'], 3);
    expect(await data('getUnlinkImpact', { accountId, repositoryIds: [first, second] })).toEqual({
      repositories: [
        { id: first, fullName: 'octo/app', commits: 2, branches: 0, pullRequests: 0 },
        { id: second, fullName: 'octo/docs', commits: 1, branches: 0, pullRequests: 0 },
      ],
      issues: 3,
    });
    // Another account's repository is not this account's to describe.
    const other = await data('createAccount', { provider: 'github', name: 'someone' });
    expect(await data('getUnlinkImpact', { accountId: other.accountId, repositoryIds: [first] })).toEqual({ repositories: [], issues: 0 });
  });

  it('words every refusal of what an admin typed for the field it is about, and says what to do', async () => {
    const { accountId } = await data('createAccount', { provider: 'bitbucket-cloud', name: 'acme' });
    const refusals = await Promise.all([
      call('updateAccount', { accountId, oauthClientSecret: 'a-secret-without-its-key' }),
      call('updateAccount', { accountId, oauthClientId: 'stub-client-id' }),
      call('updateAccount', { accountId, oauthClientId: 'x'.repeat(101) }),
      call('useAccessToken', { accountId, token: 'short' }),
      call('useAccessToken', { accountId, token: 'two words in a token' }),
      call('useAccessToken', { accountId, token: '   ' }),
      call('diagnoseCommit', { query: '' }),
      call('setRepositoryProjects', { accountId, repositoryId: 'repo_000000000000000000000000', projectKeys: [] }),
    ]);
    expect(refusals.map((answer) => [answer.error.field, answer.error.message])).toEqual([
      ['oauthClientId', 'OAuth key (client id): enter the key that goes with the OAuth secret, or leave both empty to use an access token instead.'],
      [
        'oauthClientId',
        "OAuth key (client id): copy it exactly from the OAuth consumer in Bitbucket's workspace settings (Key). It is letters and digits only, such as a5Rf7kPq2LmN8xYz3W, 8 to 100 characters.",
      ],
      ['oauthClientId', 'OAuth key (client id): use at most 100 characters. Copy it exactly from the OAuth app or consumer.'],
      ['token', 'Access token: use at least 10 characters. Paste only the token, exactly as the Git host showed it.'],
      ['token', 'Access token: paste only the token, exactly as the Git host showed it, without spaces.'],
      ['token', 'Access token: paste the token the Git host showed when you created it.'],
      ['query', 'Commit sha or message: paste a commit sha or a commit message to check.'],
      ['projectKeys', 'Shown on: choose at least one project, or All projects.'],
    ]);
    // The key and secret were not stored.
    expect((await data('getAccount', { accountId })).oauthClientId).toBeNull();
  });
});
