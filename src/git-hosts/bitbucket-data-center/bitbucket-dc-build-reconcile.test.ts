import { startGitHostStub, type GitHostStub } from '../../../sandbox/provider-stub/git-host-stub';
import { commonsLangHistory, syncFixture } from '../../../test/support/sync-fixture';
import { reconcileRepository } from '../../host-sync/reconcile-repository';

/**
 * Bitbucket Data Center sends no webhook for build statuses, so the hourly reconciliation reads them: one
 * request a head (bitbucket-dc-build-reads.ts).
 */
describe('latest Bitbucket Data Center build statuses of branch heads, read by the reconciliation', () => {
  let stub: GitHostStub;
  let sync: Awaited<ReturnType<typeof syncFixture>>;
  let repositoryId: string;

  beforeEach(async () => {
    stub = await startGitHostStub({ history: commonsLangHistory(300) });
    sync = await syncFixture(stub);
    repositoryId = await sync.linkRepository(
      { provider: 'bitbucket-data-center', hostUrl: stub.bitbucketDcServerUrl, name: 'ACME', authMethod: 'oauth' },
      stub.tokens.bitbucketDc,
      { providerRepoId: '301', fullName: 'ACME/commons-lang', url: `${stub.bitbucketDcServerUrl}/projects/ACME/repos/commons-lang`, linked: true },
    );
    expect((await sync.drain(1000, repositoryId)).at(-1)).toEqual({ status: 'done' });
    stub.requests.length = 0;
  });
  afterEach(async () => {
    await sync.fixture.close();
    await stub.close();
  });

  const statusRequests = () => stub.requests.filter((request) => request.startsWith('GET /rest/build-status/'));

  it('stores the statuses of two changed heads at one request a head, each on the issue its branch names', async () => {
    const prHead = stub.branches.find((branch) => branch.name === 'LANG-1700-faster-split')!.sha;
    const newHead = stub.history[2]!.sha;
    stub.branches.push({ name: 'LANG-1701-trim', sha: newHead });
    stub.commitStatuses.push(
      { sha: prHead, context: 'jenkins-lang', state: 'failure', updatedAt: '2026-11-21T09:10:00Z' },
      { sha: newHead, context: 'jenkins-lang', state: 'success', updatedAt: '2026-11-21T09:20:00Z' },
    );
    stub.pulls.find((pull) => pull.number === 901)!.updatedAt = '2026-11-21T09:00:00Z';
    sync.advance(60 * 60 * 1000);
    await reconcileRepository(sync.fixture.ports, sync.keys, repositoryId);
    expect(statusRequests().sort()).toEqual([`GET /rest/build-status/1.0/commits/${newHead}`, `GET /rest/build-status/1.0/commits/${prHead}`].sort());
    const { db } = sync.fixture.ports.database;
    expect(await db.selectFrom('dev_build').select(['name', 'state', 'branch', 'commit_sha']).where('repository_id', '=', repositoryId).orderBy('branch').execute()).toEqual([
      { name: 'jenkins-lang', state: 'failed', branch: 'LANG-1700-faster-split', commit_sha: prHead },
      { name: 'jenkins-lang', state: 'successful', branch: 'LANG-1701-trim', commit_sha: newHead },
    ]);
    const links = await db.selectFrom('issue_link').select('issue_key').where('item_kind', '=', 'build').orderBy('issue_key').execute();
    expect(links.map((link) => link.issue_key)).toEqual(expect.arrayContaining(['LANG-1700', 'LANG-1701']));
  });

  it('reads no statuses when nothing changed', async () => {
    await reconcileRepository(sync.fixture.ports, sync.keys, repositoryId);
    expect(statusRequests()).toEqual([]);
  });
});
