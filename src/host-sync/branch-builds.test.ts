import { startGitHostStub, type GitHostStub } from '../../sandbox/provider-stub/git-host-stub';
import { commonsLangHistory, syncFixture } from '../../test/support/sync-fixture';
import { reconcileRepository } from './reconcile-repository';

/** The hourly reconciliation reads the latest builds of the heads it keeps, within a stated request budget. */
describe('latest builds of branch heads, read by the reconciliation', () => {
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

  it('stores the statuses of an open pull request’s head, at two requests a head, when the pull request changed', async () => {
    const head = stub.branches.find((branch) => branch.name === 'LANG-1700-faster-split')!.sha;
    stub.commitStatuses.push({ sha: head, context: 'ci/jenkins', state: 'failure', updatedAt: '2026-11-21T09:10:00Z' });
    stub.pulls.find((pull) => pull.number === 901)!.updatedAt = '2026-11-21T09:00:00Z';
    sync.advance(60 * 60 * 1000);
    await reconcileRepository(sync.fixture.ports, sync.keys, sync.repositoryId);
    const buildRequests = stub.requests.filter((request) => /\/status\b|\/actions\/runs/.test(request)).map((request) => request.replace(/\?.*$/, ''));
    expect(buildRequests).toEqual([`GET /api/v3/repos/apache/commons-lang/commits/${head}/status`, 'GET /api/v3/repos/apache/commons-lang/actions/runs']);
    const { db } = sync.fixture.ports.database;
    expect(await db.selectFrom('dev_build').select(['name', 'state', 'branch', 'commit_sha']).execute()).toEqual([
      { name: 'ci/jenkins', state: 'failed', branch: 'LANG-1700-faster-split', commit_sha: head },
    ]);
    expect(await db.selectFrom('issue_link').select('issue_key').where('item_kind', '=', 'build').execute()).toEqual([{ issue_key: 'LANG-1700' }]);
  });

  it('reads no builds when nothing changed', async () => {
    await reconcileRepository(sync.fixture.ports, sync.keys, sync.repositoryId);
    expect(stub.requests.filter((request) => /\/status\b|\/actions\/runs/.test(request))).toEqual([]);
  });
});
