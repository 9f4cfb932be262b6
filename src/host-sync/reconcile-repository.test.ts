import { startGitHostStub, type GitHostStub } from '../../sandbox/provider-stub/git-host-stub';
import { commonsLangHistory, syncFixture } from '../../test/support/sync-fixture';
import { reconcileRepository } from './reconcile-repository';
import { composeApp } from '../app/compose-app';

describe('hourly reconciliation against a simulated GitHub', () => {
  let stub: GitHostStub;
  let sync: Awaited<ReturnType<typeof syncFixture>>;

  beforeEach(async () => {
    stub = await startGitHostStub({ history: commonsLangHistory(300) });
    sync = await syncFixture(stub);
    expect((await sync.drain()).pop()).toEqual({ status: 'done' });
    stub.requests.length = 0;
  });
  afterEach(async () => {
    await sync.fixture.close();
    await stub.close();
  });
  const api = () => stub.requests.filter((request) => request.startsWith('GET /api/v3/repos/'));

  it('costs one branch page and one pull-request page when nothing changed, with no commit listing', async () => {
    const report = await reconcileRepository(sync.fixture.ports, sync.keys, sync.repositoryId);
    expect(report).toEqual({ branchesMoved: 0, branchesDeleted: 0, commitsRead: 0, pullRequestsRead: 0 });
    expect(api().map((request) => request.replace(/\?.*$/, ''))).toEqual(['GET /api/v3/repos/apache/commons-lang/branches', 'GET /api/v3/repos/apache/commons-lang/pulls']);
  });

  it('repairs what lost webhooks would have brought: new commits, a new pull request, a deleted branch', async () => {
    // Two commits pushed to master while the webhook was down, a pull request opened, a branch deleted.
    const newCommits = [
      { sha: 'f'.repeat(40), message: 'LANG-1800 Add StringUtils.reverseWords', author: { name: 'Dana', email: 'dana@example.com', date: '2026-11-21T09:00:00Z' } },
      { sha: 'e'.repeat(40), message: 'Polish javadoc', author: { name: 'Dana', email: 'dana@example.com', date: '2026-11-21T08:00:00Z' } },
    ];
    stub.history.unshift(...newCommits);
    stub.pulls.push({ number: 902, title: 'LANG-1800 reverseWords', state: 'open', merged: false, updatedAt: '2026-11-21T09:30:00Z', head: 'LANG-1800' });
    stub.branches = [];
    sync.advance(60 * 60 * 1000);

    const report = await reconcileRepository(sync.fixture.ports, sync.keys, sync.repositoryId);
    expect(report).toEqual({ branchesMoved: 1, branchesDeleted: 1, commitsRead: 2, pullRequestsRead: 1 });
    const { db } = sync.fixture.ports.database;
    expect(await db.selectFrom('dev_commit').select('sha').where('sha', '=', 'f'.repeat(40)).execute()).toHaveLength(1);
    expect(await db.selectFrom('dev_commit').select('sha').where('sha', '=', 'e'.repeat(40)).execute()).toHaveLength(0);
    expect(await db.selectFrom('dev_pull_request').select('number').where('number', '=', 902).execute()).toHaveLength(1);
    expect(await db.selectFrom('issue_link').select('item_key').where('item_kind', '=', 'branch').execute()).toEqual([]);
    // Only master's first page was needed to reach its previous head.
    expect(api().filter((request) => request.includes('/commits')).length).toBe(1);
  });

  it('repairs a review whose webhook was lost: the pull request it updated has its reviews read again, once', async () => {
    const pull = stub.pulls.find((candidate) => candidate.number === 901)!;
    pull.reviews = [...(pull.reviews ?? []), { login: 'carol', id: 1003, state: 'APPROVED', submittedAt: '2026-11-21T09:00:00Z' }];
    pull.requestedReviewers = [];
    pull.updatedAt = '2026-11-21T09:00:00Z';
    sync.advance(60 * 60 * 1000);
    await reconcileRepository(sync.fixture.ports, sync.keys, sync.repositoryId);
    expect(api().filter((request) => request.includes('/reviews'))).toEqual(['GET /api/v3/repos/apache/commons-lang/pulls/901/reviews']);
    const { db } = sync.fixture.ports.database;
    expect(await db.selectFrom('dev_pull_request_reviewer').select(['name', 'state', 'requested']).orderBy('name').execute()).toEqual([
      { name: 'alice', state: 'APPROVED', requested: 0 },
      { name: 'bob', state: 'CHANGES_REQUESTED', requested: 0 },
      { name: 'carol', state: 'APPROVED', requested: 0 },
    ]);
  });

  it('reads on its next run a push too large for Forge to deliver to the web trigger (over 5 MB)', async () => {
    // 600 commits with 9 KB messages: GitHub sends them in one delivery of about 6 MB, which Forge refuses.
    const pushed = Array.from({ length: 600 }, (_, n) => ({
      sha: `f${(n + 1).toString(16).padStart(39, '0')}`,
      message: `LANG-1801 Split the parser, part ${n + 1}\n\n${'Details of the change. '.repeat(400)}`,
      author: { name: 'Dana', email: 'dana@example.com', date: new Date(Date.parse('2026-11-21T09:00:00Z') - n * 1000).toISOString() },
    }));
    stub.history.unshift(...pushed);
    const delivery = JSON.stringify({ ref: 'refs/heads/master', commits: pushed.map((commit) => ({ id: commit.sha, message: commit.message })) });
    expect(delivery.length).toBeGreaterThan(5_000_000);
    const answer = await composeApp(sync.fixture.ports).webtriggers.githubWebhook({
      method: 'POST',
      path: '/',
      headers: { 'x-github-event': ['push'] },
      queryParameters: { account: [sync.accountId] },
      body: delivery,
    });
    expect(answer.statusCode).toBe(413);
    sync.advance(60 * 60 * 1000);
    const report = await reconcileRepository(sync.fixture.ports, sync.keys, sync.repositoryId);
    expect(report.commitsRead).toBe(600);
    const { db } = sync.fixture.ports.database;
    expect(
      await db
        .selectFrom('issue_link')
        .select('item_key')
        .where('item_kind', '=', 'commit')
        .where(
          'item_key',
          'in',
          pushed.map((commit) => commit.sha),
        )
        .execute(),
    ).toHaveLength(600);
  });

  it('runs from the hourly trigger, oldest-synced repository first, and records failures per repository', async () => {
    await sync.fixture.ports.secrets.set(`account:${sync.accountId}:credentials`, JSON.stringify({ accessToken: 'revoked' }));
    const result = await composeApp(sync.fixture.ports).jobs.reconcile();
    expect(result).toEqual({ repositoriesChecked: 0, backfillsRestarted: 0, failures: 1 });
    const { db } = sync.fixture.ports.database;
    expect(await db.selectFrom('repository').select('last_error').executeTakeFirstOrThrow()).toEqual({ last_error: expect.stringContaining('rejected the credentials (401)') });
    expect(await db.selectFrom('account').select('status').executeTakeFirstOrThrow()).toEqual({ status: 'invalid-credentials' });
  });

  it('leaves alone an account that was never authorised: it only receives webhooks, and stays without a failure', async () => {
    const { db } = sync.fixture.ports.database;
    await db.updateTable('account').set({ status: 'needs-authorisation' }).execute();
    await db.updateTable('repository').set({ last_error: null }).execute();
    const result = await composeApp(sync.fixture.ports).jobs.reconcile();
    expect(result).toEqual({ repositoriesChecked: 0, backfillsRestarted: 0, failures: 0 });
    expect(api()).toEqual([]);
    expect(await db.selectFrom('repository').select('last_error').executeTakeFirstOrThrow()).toEqual({ last_error: null });
  });
});
