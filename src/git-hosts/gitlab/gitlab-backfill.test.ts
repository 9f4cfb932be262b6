import { startGitHostStub, type GitHostStub } from '../../../sandbox/provider-stub/git-host-stub';
import { commonsLangHistory, syncFixture } from '../../../test/support/sync-fixture';
import { extractIssueKeys } from '../../issue-keys/extract-issue-keys';
import { reconcileRepository } from '../../host-sync/reconcile-repository';

const history = commonsLangHistory(1000);
const PROJECTS = new Set(['LANG', 'DEMO', 'OPS']);
const truth = history
  .filter((commit) => extractIssueKeys(commit.message, PROJECTS).length > 0)
  .map((commit) => commit.sha)
  .sort();

/** The Commons Lang history through the simulated GitLab API (gitlab.com and a self-managed server). */
describe('GitLab backfill through the simulator', () => {
  let stub: GitHostStub;
  beforeAll(async () => {
    stub = await startGitHostStub({ history });
  });
  afterAll(() => stub.close());

  const linkedGitlabProject = (sync: Awaited<ReturnType<typeof syncFixture>>, hostUrl: string) =>
    sync.linkRepository({ provider: 'gitlab', hostUrl, name: 'acme', authMethod: 'oauth' }, stub.tokens.gitlab, {
      providerRepoId: '9100',
      fullName: 'acme/commons-lang',
      url: `${hostUrl}/acme/commons-lang`,
      linked: true,
    });

  const storedFor = async (sync: Awaited<ReturnType<typeof syncFixture>>, repositoryId: string) =>
    (await sync.fixture.ports.database.db.selectFrom('dev_commit').select('sha').where('repository_id', '=', repositoryId).orderBy('sha').execute()).map((row) => row.sha);

  it.each([
    ['gitlab.com', (s: GitHostStub) => s.hosts.gitlab.web, '/gitlab/api/v4'],
    ['a self-managed server', (s: GitHostStub) => s.gitlabServerUrl, '/api/v4'],
  ])('stores exactly the commits that mention an issue from %s, within 1.05 × ceil(commits / 100) commit-list requests', async (_label, hostUrlOf, apiPath) => {
    const sync = await syncFixture(stub);
    try {
      const repositoryId = await linkedGitlabProject(sync, hostUrlOf(stub));
      const outcomes = await sync.drain(1000, repositoryId);
      expect(outcomes[outcomes.length - 1]).toEqual({ status: 'done' });
      expect(outcomes.filter((outcome) => outcome.status === 'continue').length).toBeGreaterThan(1);
      expect(await storedFor(sync, repositoryId)).toEqual(truth);
      const commitRequests = stub.requests.filter((request) => request === `GET ${apiPath}/projects/9100/repository/commits`).length;
      expect(commitRequests).toBe(Math.ceil(history.length / 100));
      expect(commitRequests).toBeLessThanOrEqual(Math.ceil(1.05 * Math.ceil(history.length / 100)));
      const { db } = sync.fixture.ports.database;
      // The total (commits from the project statistics, plus branches and merge requests) costs no commit-list request.
      expect(await db.selectFrom('job').select(['done', 'total', 'status']).where('repository_id', '=', repositoryId).executeTakeFirstOrThrow()).toEqual({
        done: 1004,
        total: 1004,
        status: 'done',
      });
      expect(await db.selectFrom('dev_pull_request').select(['number', 'state']).where('repository_id', '=', repositoryId).orderBy('number').execute()).toEqual([
        { number: 900, state: 'MERGED' },
        { number: 901, state: 'OPEN' },
      ]);
    } finally {
      await sync.fixture.close();
    }
  });

  it('ends with the same store through server errors and a rate limit (429 with RateLimit-* and Retry-After)', async () => {
    const sync = await syncFixture(stub);
    try {
      const repositoryId = await linkedGitlabProject(sync, stub.hosts.gitlab.web);
      stub.faults = { serverErrorRate: 0.1, rateLimitAtRequest: 5, seed: 42 };
      const outcomes = await sync.drain(1000, repositoryId);
      expect(stub.faultsInjected).toBeGreaterThan(1);
      expect(outcomes).toContainEqual({ status: 'wait', delaySeconds: 120 });
      expect(outcomes[outcomes.length - 1]).toEqual({ status: 'done' });
      expect(await storedFor(sync, repositoryId)).toEqual(truth);
    } finally {
      stub.faults = {};
      await sync.fixture.close();
    }
  });

  it('reconciles: a moved branch is read from its old head, a new merge request is stored', async () => {
    const sync = await syncFixture(stub);
    try {
      const repositoryId = await linkedGitlabProject(sync, stub.hosts.gitlab.web);
      await sync.drain(1000, repositoryId);
      stub.requests.length = 0;
      const added = { sha: 'f'.repeat(40), message: 'LANG-9999 Reconciled on GitLab', author: { name: 'Ann', email: 'ann@example.com', date: '2026-11-20T11:00:00Z' } };
      history.unshift(added);
      stub.pulls.push({ number: 902, title: 'LANG-9999 Reconcile', state: 'open', merged: false, updatedAt: '2026-11-20T11:00:00Z', head: 'master' });
      try {
        sync.advance(60 * 60 * 1000);
        await reconcileRepository(sync.fixture.ports, sync.keys, repositoryId);
        expect(await storedFor(sync, repositoryId)).toContain(added.sha);
        expect(stub.requests.filter((request) => request.endsWith('/repository/commits')).length).toBe(1);
        const numbers = await sync.fixture.ports.database.db.selectFrom('dev_pull_request').select('number').where('repository_id', '=', repositoryId).execute();
        expect(numbers.map((row) => row.number)).toContain(902);
      } finally {
        history.shift();
        stub.pulls.pop();
      }
    } finally {
      await sync.fixture.close();
    }
  });
});
