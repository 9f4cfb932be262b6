import { startGitHostStub, type GitHostStub } from '../../sandbox/provider-stub/git-host-stub';
import { commonsLangHistory, syncFixture } from '../../test/support/sync-fixture';
import { syncHandlers } from './sync-handlers';
import { reconcileRepository } from './reconcile-repository';

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

  it('runs from the hourly trigger, oldest-synced repository first, and records failures per repository', async () => {
    await sync.fixture.ports.secrets.set(`account:${sync.accountId}:credentials`, JSON.stringify({ accessToken: 'revoked' }));
    const result = await syncHandlers(sync.fixture.ports).reconcile();
    expect(result).toEqual({ repositoriesChecked: 0, backfillsRestarted: 0, failures: 1 });
    const { db } = sync.fixture.ports.database;
    expect(await db.selectFrom('repository').select('last_error').executeTakeFirstOrThrow()).toEqual({ last_error: expect.stringContaining('rejected the credentials (401)') });
    expect(await db.selectFrom('account').select('status').executeTakeFirstOrThrow()).toEqual({ status: 'invalid-credentials' });
  });
});
