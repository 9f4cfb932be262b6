import { startGitHostStub, type GitHostStub } from '../../sandbox/provider-stub/git-host-stub';
import { syncFixture } from '../../test/support/sync-fixture';
import type { DeploymentData } from '../git-hosts/build-event';
import { extractIssueKeys } from '../issue-keys/extract-issue-keys';
import { recordEvents, recordTargetOf } from './record-events';

/** Newest first, as the stub serves history: commit n names LANG-(300 - n), and every tenth names LANG-1 too. */
const history = Array.from({ length: 300 }, (_, index) => ({
  sha: (300 - index).toString(16).padStart(40, '0'),
  message: `LANG-${300 - index} Change ${300 - index}${index % 10 === 0 ? ' (see LANG-1)' : ''}`,
  author: { name: 'Dana', email: 'dana@example.com', date: new Date(Date.parse('2026-11-01T00:00:00Z') + (300 - index) * 60_000).toISOString() },
}));
const keysOf = (messages: string[]) => [...new Set(messages.flatMap((message) => extractIssueKeys(message, new Set(['LANG']))))];

/** A deployment links to the issues of every commit it brought since the previous one to its environment. */
describe('a deployment of a commit range', () => {
  let stub: GitHostStub;
  let sync: Awaited<ReturnType<typeof syncFixture>>;
  beforeAll(async () => {
    stub = await startGitHostStub({ history });
  });
  afterAll(() => stub.close());
  beforeEach(async () => {
    sync = await syncFixture(stub);
    expect((await sync.drain()).pop()).toEqual({ status: 'done' });
    stub.requests.length = 0;
  });
  afterEach(() => sync.fixture.close());

  const deploy = async (id: number, sha: string, environment: string, updatedAt: string, state: DeploymentData['state'] = 'successful') => {
    const { db } = sync.fixture.ports.database;
    const repository = await db.selectFrom('repository').selectAll().where('id', '=', sync.repositoryId).executeTakeFirstOrThrow();
    const ref = { providerRepoId: repository.provider_repo_id, fullName: repository.full_name, url: repository.url };
    const deployment: DeploymentData = {
      deploymentId: String(id),
      sequenceNumber: id,
      pipelineName: 'deploy',
      environmentName: environment,
      environmentType: environment === 'production' ? 'production' : 'staging',
      state,
      commitSha: sha,
      ref: 'master',
      url: '',
      description: '',
      updatedAt: Date.parse(updatedAt),
    };
    await recordEvents(sync.fixture.ports, sync.keys, await recordTargetOf(sync.fixture.ports, repository), [{ kind: 'deployment', repository: ref, deployment }]);
  };
  const linksOf = async (id: number) =>
    (
      await sync.fixture.ports.database.db
        .selectFrom('issue_link')
        .select('issue_key')
        .where('item_kind', '=', 'deployment')
        .where('item_key', '=', String(id))
        .orderBy('issue_key')
        .execute()
    ).map((row) => row.issue_key);
  const compareRequests = () => stub.requests.filter((request) => request.includes('/compare/'));
  // History is newest first: the older deployment is at a higher index.
  const older = { commit: history[60]!, index: 60 };
  const newer = { commit: history[5]!, index: 5 };

  it('links to the keys of every commit between the previous successful deployment there and its own, in one compare request', async () => {
    await deploy(1, older.commit.sha, 'production', '2026-11-20T09:00:00Z');
    // The first deployment to an environment has no range: it links to its commit's issues only.
    expect(compareRequests()).toEqual([]);
    expect(await linksOf(1)).toEqual(keysOf([older.commit.message]).sort());

    // A failed deployment in between is no base; a deployment to another environment is not either.
    await deploy(2, history[older.index - 1]!.sha, 'production', '2026-11-20T09:30:00Z', 'failed');
    await deploy(3, history[older.index + 3]!.sha, 'staging', '2026-11-20T09:40:00Z');
    stub.requests.length = 0;
    await deploy(4, newer.commit.sha, 'production', '2026-11-20T10:00:00Z');
    expect(compareRequests()).toEqual([`GET /api/v3/repos/apache/commons-lang/compare/${older.commit.sha}...${newer.commit.sha}`]);
    const range = history.slice(newer.index, older.index).map((commit) => commit.message);
    const expected = keysOf(range);
    expect(expected.length).toBeGreaterThan(10);
    expect(expected.length).toBeLessThanOrEqual(100);
    expect(await linksOf(4)).toEqual(expected.sort());
    // The previous deployment's own commit was already there: its issues are not this one's.
    expect(await linksOf(4)).not.toContain('LANG-240');
  });

  it('keeps to the repository’s projects and to 100 issues, and links as before when the host refuses the range', async () => {
    await deploy(1, history[290]!.sha, 'production', '2026-11-20T09:00:00Z');
    stub.requests.length = 0;
    await deploy(2, history[0]!.sha, 'production', '2026-11-20T10:00:00Z');
    expect(compareRequests()).toHaveLength(1);
    expect(keysOf(history.slice(0, 290).map((commit) => commit.message)).length).toBeGreaterThan(100);
    // 290 commits: GitHub's one answer lists the oldest 250 (LANG-11 to LANG-260). The deployed commit's own issues
    // come first, then the range's, newest first, to 100 in all.
    const links = await linksOf(2);
    expect(links).toHaveLength(100);
    expect(links).toEqual(expect.arrayContaining(['LANG-300', 'LANG-1', 'LANG-260', 'LANG-163']));
    expect(links).not.toContain('LANG-280');
    expect(links).not.toContain('LANG-150');

    // Out of the repository's projects, the range adds nothing: the deployment keeps its commit's stored links only.
    await deploy(3, history[20]!.sha, 'staging-eu', '2026-11-20T09:00:00Z');
    expect(await linksOf(3)).not.toEqual([]);
    await sync.fixture.ports.database.db.updateTable('repository').set({ allowed_project_keys: '["DEMO"]' }).execute();
    await deploy(4, history[0]!.sha, 'staging-eu', '2026-11-20T10:00:00Z');
    expect(keysOf(history.slice(0, 20).map((commit) => commit.message)).length).toBeGreaterThan(keysOf([history[0]!.message]).length);
    expect(await linksOf(4)).toEqual(keysOf([history[0]!.message]).sort());

    // A base the host no longer has (a force push): the deployment links to its commit's issues, and the log says why.
    await sync.fixture.ports.database.db.updateTable('repository').set({ allowed_project_keys: null }).execute();
    const warnings: unknown[] = [];
    sync.fixture.ports.log = { ...sync.fixture.ports.log, warn: (message, fields) => warnings.push([message, fields]) };
    await sync.fixture.ports.database.db
      .updateTable('dev_deployment')
      .set({ commit_sha: 'f'.repeat(40) })
      .where('deployment_id', '=', '2')
      .execute();
    await deploy(5, newer.commit.sha, 'production', '2026-11-20T11:00:00Z');
    expect(await linksOf(5)).toEqual(keysOf([newer.commit.message]).sort());
    expect(warnings).toEqual([['deployment range not read', { repositoryId: sync.repositoryId, code: 'provider_not_found' }]]);
  });
});
