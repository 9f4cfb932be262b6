import { startGitHostStub, type GitHostStub } from '../../sandbox/provider-stub/git-host-stub';
import { sandboxFixture, USERS } from '../../test/support/sandbox-fixture';
import { collectJobs } from '../../test/support/queued-jobs';
import { setRepositoryLinks } from '../account-admin/link-repositories';
import { useAccessToken } from '../account-admin/authorise-account';
import { updateAccount } from '../account-admin/update-account';
import { createAccount } from '../account-admin/create-account';
import { runInvocation } from '../local/invocation-scope';
import type { QueuedJob } from '../ports/queue';
import { composeApp } from '../app/compose-app';

describe('creating a branch from an issue', () => {
  let stub: GitHostStub;
  let fixture: Awaited<ReturnType<typeof sandboxFixture>>;
  let queued: QueuedJob[];
  beforeAll(async () => {
    stub = await startGitHostStub({
      history: [{ sha: 'a'.repeat(40), message: 'Initial commit', author: { name: 'Octo', email: 'octo@example.com', date: '2026-11-01T10:00:00Z' } }],
    });
  });
  afterAll(() => stub.close());
  beforeEach(async () => {
    stub.branches.length = 0;
    stub.requests.length = 0;
    fixture = await sandboxFixture({ providerHosts: stub.hosts, allowPrivateHosts: true });
    queued = [];
    fixture.ports.queue.push = collectJobs(queued);
  });
  afterEach(() => fixture.close());

  const call = async (name: string, payload: unknown, accountId: string, issueKey: string): Promise<any> =>
    runInvocation({ accountId }, () =>
      (composeApp(fixture.ports).resolvers as Record<string, (request: unknown) => Promise<unknown>>)[name]!({
        payload,
        context: { accountId, extension: { type: 'jira:issuePanel', issue: { key: issueKey } } },
      }),
    );
  async function linkedRepository(provider: 'github' | 'bitbucket-cloud', settings: Record<string, boolean>) {
    const account = await createAccount(fixture.ports, {
      provider,
      hostUrl: provider === 'github' ? 'https://github.com' : 'https://bitbucket.org',
      name: provider === 'github' ? 'octo' : 'acme',
      authMethod: 'oauth',
      settings,
    });
    await useAccessToken(fixture.ports, account.id, provider === 'github' ? stub.tokens.github : stub.tokens.bitbucket);
    const fullName = provider === 'github' ? 'octo/repo-001' : 'acme/widgets';
    await setRepositoryLinks(fixture.ports, account.id, [{ providerRepoId: provider === 'github' ? '5000' : '{bb-1}', fullName, url: `${stub.url}/${fullName}`, linked: true }]);
    const repositoryId = (await fixture.ports.database.db.selectFrom('repository').select('id').where('account_id', '=', account.id).executeTakeFirstOrThrow()).id;
    return { account, repositoryId };
  }

  it.each(['github', 'bitbucket-cloud'] as const)('creates it on %s with a suggested name, and the panel shows it at once', async (provider) => {
    const { repositoryId } = await linkedRepository(provider, { allowBranchCreation: true });
    const options = await call('getBranchOptions', undefined, USERS.developer, 'DEMO-1');
    expect(options.ok).toBe(true);
    expect(options.data).toMatchObject({ allowed: true, repositories: [{ repositoryId }] });
    expect(options.data.suggestedName).toMatch(/^DEMO-1-[a-z0-9-]+$/);

    const from = provider === 'github' ? 'master' : 'main';
    const created = await call('createBranch', { repositoryId, name: options.data.suggestedName, from }, USERS.developer, 'DEMO-1');
    expect(created).toMatchObject({ ok: true, data: { name: options.data.suggestedName } });
    expect(stub.branches.map((branch) => branch.name)).toEqual([options.data.suggestedName]);
    const panel = await call('getDevelopmentPanel', undefined, USERS.developer, 'DEMO-1');
    expect(panel.data.branches.items.map((item: { name: string }) => item.name)).toEqual([options.data.suggestedName]);

    // The same name again is refused with the reason.
    const again = await call('createBranch', { repositoryId, name: options.data.suggestedName, from }, USERS.developer, 'DEMO-1');
    expect(again).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('already has a branch named') } });
  });

  it('refuses people without View Development Tools, accounts that do not allow it, projects out of scope and bad names', async () => {
    const { account, repositoryId } = await linkedRepository('github', { allowBranchCreation: false });
    const request = { repositoryId, name: 'DEMO-1-x', from: 'master' };
    expect((await call('getBranchOptions', undefined, USERS.developer, 'DEMO-1')).data).toMatchObject({ allowed: false, repositories: [] });
    expect(await call('createBranch', request, USERS.developer, 'DEMO-1')).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    await updateAccount(fixture.ports, account.id, { settings: { allowBranchCreation: true } });
    for (const user of [USERS.viewer, USERS.opsOnly, 'unknown-user']) {
      expect(await call('getBranchOptions', undefined, user, 'DEMO-1')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await call('createBranch', request, user, 'DEMO-1')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await call('createBranch', { ...request, name: 'bad name' }, USERS.developer, 'DEMO-1')).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('spaces') },
    });
    expect(await call('createBranch', { ...request, extra: 1 }, USERS.developer, 'DEMO-1')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    await fixture.ports.database.db
      .updateTable('repository')
      .set({ allowed_project_keys: JSON.stringify(['OPS']) })
      .execute();
    expect(await call('createBranch', request, USERS.developer, 'DEMO-1')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(stub.requests.filter((line) => /git\/refs|refs\/branches/.test(line) && line.startsWith('POST'))).toEqual([]);
  });

  it('plants no branch on an issue the person cannot see: the name must name the issue, and others only if visible', async () => {
    const { repositoryId } = await linkedRepository('github', { allowBranchCreation: true });
    await fixture.ports.database.db.updateTable('repository').set({ allowed_project_keys: null }).execute();
    // Olivia works in OPS only: from OPS-1's panel she may not name DEMO-1, which she cannot open.
    const planted = await call('createBranch', { repositoryId, name: 'OPS-1-and-DEMO-1', from: 'master' }, USERS.opsOnly, 'OPS-1');
    expect(planted).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('also names DEMO-1, which you cannot see') } });
    const elsewhere = await call('createBranch', { repositoryId, name: 'DEMO-1-planted', from: 'master' }, USERS.opsOnly, 'OPS-1');
    expect(elsewhere).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('must contain OPS-1') } });
    const long = await call('createBranch', { repositoryId, name: `OPS-1-${'x'.repeat(10_000)}`, from: 'master' }, USERS.opsOnly, 'OPS-1');
    expect(long).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('at most 250 characters; this one has 10,006') } });
    expect(stub.requests.filter((line) => line.startsWith('POST') && line.includes('/git/refs'))).toEqual([]);
    // A developer who sees both may name both.
    expect(await call('createBranch', { repositoryId, name: 'DEMO-1-OPS-1-shared', from: 'master' }, USERS.developer, 'DEMO-1')).toMatchObject({ ok: true });
  });
});
