import { startGitHostStub, type GitHostStub } from '../../../sandbox/provider-stub/git-host-stub';
import { commonsLangHistory, syncFixture } from '../../../test/support/sync-fixture';
import { reconcileRepository } from '../../host-sync/reconcile-repository';

/** The hourly reconciliation reads a GitLab head's pipelines, at one request a head (gitlab-build-reads.ts). */
describe('latest GitLab pipelines of branch heads, read by the reconciliation', () => {
  let stub: GitHostStub;
  let sync: Awaited<ReturnType<typeof syncFixture>>;
  let repositoryId: string;

  beforeEach(async () => {
    stub = await startGitHostStub({ history: commonsLangHistory(300) });
    sync = await syncFixture(stub);
    repositoryId = await sync.linkRepository({ provider: 'gitlab', hostUrl: stub.hosts.gitlab.web, name: 'acme', authMethod: 'oauth' }, stub.tokens.gitlab, {
      providerRepoId: '9100',
      fullName: 'acme/commons-lang',
      url: `${stub.hosts.gitlab.web}/acme/commons-lang`,
      linked: true,
    });
    expect((await sync.drain(1000, repositoryId)).at(-1)).toEqual({ status: 'done' });
    stub.requests.length = 0;
  });
  afterEach(async () => {
    await sync.fixture.close();
    await stub.close();
  });

  const pipelineRequests = () => stub.requests.filter((request) => request.endsWith('/pipelines'));

  it('stores the pipelines of an open merge request’s head, at one request a head, and a late read never regresses them', async () => {
    const head = stub.branches.find((branch) => branch.name === 'LANG-1700-faster-split')!.sha;
    stub.commitStatuses.push({ sha: head, context: 'build', state: 'failure', updatedAt: '2026-11-21T09:10:00Z' });
    stub.pulls.find((pull) => pull.number === 901)!.updatedAt = '2026-11-21T09:00:00Z';
    sync.advance(60 * 60 * 1000);
    await reconcileRepository(sync.fixture.ports, sync.keys, repositoryId);
    // One head to read (the merge request's source branch): one request.
    expect(pipelineRequests()).toEqual(['GET /gitlab/api/v4/projects/9100/pipelines']);
    const { db } = sync.fixture.ports.database;
    const stored = () => db.selectFrom('dev_build').select(['build_key', 'name', 'state', 'branch', 'commit_sha']).where('repository_id', '=', repositoryId).execute();
    expect(await stored()).toEqual([{ build_key: 'pipeline/5000', name: 'build', state: 'failed', branch: 'LANG-1700-faster-split', commit_sha: head }]);
    expect(await db.selectFrom('issue_link').select('issue_key').where('item_kind', '=', 'build').execute()).toEqual([{ issue_key: 'LANG-1700' }]);

    // The same pipeline read again as running, stamped earlier (a stale answer): the failure stays.
    stub.commitStatuses[0] = { sha: head, context: 'build', state: 'pending', updatedAt: '2026-11-21T09:05:00Z' };
    stub.pulls.find((pull) => pull.number === 901)!.updatedAt = '2026-11-21T10:30:00Z';
    sync.advance(60 * 60 * 1000);
    stub.requests.length = 0;
    await reconcileRepository(sync.fixture.ports, sync.keys, repositoryId);
    expect(pipelineRequests()).toHaveLength(1);
    expect(await stored()).toEqual([{ build_key: 'pipeline/5000', name: 'build', state: 'failed', branch: 'LANG-1700-faster-split', commit_sha: head }]);
  });

  it('reads no pipelines when nothing changed', async () => {
    await reconcileRepository(sync.fixture.ports, sync.keys, repositoryId);
    expect(pipelineRequests()).toEqual([]);
  });
});
