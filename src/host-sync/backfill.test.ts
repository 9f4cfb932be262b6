import type { KyselyPlugin } from 'kysely';
import { startGitHostStub, type GitHostStub } from '../../sandbox/provider-stub/git-host-stub';
import { commonsLangHistory, syncFixture } from '../../test/support/sync-fixture';
import { extractIssueKeys } from '../issue-keys/extract-issue-keys';
import type { ProjectKeyDirectory } from '../issue-keys/project-key-directory';
import { setRepositoryLinks } from '../account-admin/link-repositories';
import { useAccessToken } from '../account-admin/authorise-account';
import { createAccount } from '../account-admin/create-account';
import { runBackfillSlice } from './backfill';

const history = commonsLangHistory(1000);
const PROJECTS = new Set(['LANG', 'DEMO', 'OPS']);
const truth = history
  .filter((commit) => extractIssueKeys(commit.message, PROJECTS).length > 0)
  .map((commit) => commit.sha)
  .sort();

describe('repository backfill against a simulated GitHub', () => {
  let stub: GitHostStub;
  let sync: Awaited<ReturnType<typeof syncFixture>>;
  let fixture: Awaited<ReturnType<typeof syncFixture>>['fixture'];
  let repositoryId: string;
  let keys: ProjectKeyDirectory;
  let drain: Awaited<ReturnType<typeof syncFixture>>['drain'];
  let storedCommits: Awaited<ReturnType<typeof syncFixture>>['storedCommits'];

  beforeAll(async () => {
    stub = await startGitHostStub({ history });
  });
  afterAll(() => stub.close());
  beforeEach(async () => {
    sync = await syncFixture(stub);
    ({ fixture, repositoryId, keys, drain, storedCommits } = sync);
  });
  /** Undone after the test, so the shared Git host serves the next one as it began. */
  let undo: Array<() => unknown> = [];
  const afterThis = (step: () => unknown) => undo.push(step);
  afterEach(async () => {
    for (const step of undo) step();
    undo = [];
    await fixture.close();
  });

  it('reads the latest builds of the default branch’s head and the open pull requests’ heads last, two requests a head', async () => {
    const master = history[0]!.sha;
    const feature = stub.branches.find((branch) => branch.name === 'LANG-1700-faster-split')!.sha;
    stub.commitStatuses.push(
      { sha: master, context: 'ci/jenkins', state: 'success', updatedAt: '2026-11-21T09:00:00Z' },
      { sha: feature, context: 'ci/jenkins', state: 'failure', updatedAt: '2026-11-21T09:10:00Z' },
    );
    afterThis(() => (stub.commitStatuses.length = 0));
    expect((await drain()).pop()).toEqual({ status: 'done' });
    const buildRequests = stub.requests.filter((request) => /\/commits\/[0-9a-f]+\/status|\/actions\/runs/.test(request)).map((request) => request.replace(/\?.*$/, ''));
    expect(buildRequests).toEqual([
      `GET /api/v3/repos/apache/commons-lang/commits/${master}/status`,
      'GET /api/v3/repos/apache/commons-lang/actions/runs',
      `GET /api/v3/repos/apache/commons-lang/commits/${feature}/status`,
      'GET /api/v3/repos/apache/commons-lang/actions/runs',
    ]);
    // After every commit page: builds are read once the commits they ran on are stored.
    const lastCommitPage = stub.requests.map((request) => /\/commits$/.test(request)).lastIndexOf(true);
    expect(lastCommitPage).toBeGreaterThan(0);
    expect(lastCommitPage).toBeLessThan(stub.requests.findIndex((request) => /\/status\b/.test(request)));
    const builds = await fixture.ports.database.db.selectFrom('dev_build').select(['commit_sha', 'state', 'branch']).orderBy('updated_at').execute();
    // A build is kept when it links to an issue: the feature branch names LANG-1700; master's head commit names one only if its message does.
    expect(builds).toContainEqual({ commit_sha: feature, state: 'failed', branch: 'LANG-1700-faster-split' });
    expect(builds.length).toBe(extractIssueKeys(history[0]!.message, PROJECTS).length > 0 ? 2 : 1);
  });

  it('ends well, without builds, when the host refuses the builds list (CI switched off), and says so in the log', async () => {
    expect((await drain()).pop()).toEqual({ status: 'done' });
    // Back to the last phase, on a repository whose every read now answers 404.
    await fixture.ports.database.db
      .updateTable('job')
      .set({ status: 'running', cursor: JSON.stringify({ phase: 'builds', next: null, branch: 'master' }) })
      .execute();
    await fixture.ports.database.db.updateTable('repository').set({ full_name: 'apache/deleted' }).execute();
    const warnings: unknown[] = [];
    fixture.ports.log = { ...fixture.ports.log, warn: (message, fields) => warnings.push([message, fields]) };
    stub.requests.length = 0;
    expect(await runBackfillSlice(fixture.ports, keys, repositoryId, 1000)).toEqual({ status: 'done' });
    expect(stub.requests.filter((request) => /\/status\b/.test(request))).toHaveLength(1);
    expect(warnings).toEqual([['backfill read no builds', { repositoryId, code: 'provider_not_found' }]]);
  });

  it('stores exactly the commits that mention an issue, in resumable slices, with one request per 100 commits', async () => {
    const outcomes = await drain();
    expect(outcomes.filter((outcome) => outcome.status === 'continue').length).toBeGreaterThan(1);
    expect(await storedCommits()).toEqual(truth);
    expect(truth.length).toBeGreaterThan(50);
    // One request per page of 100, plus one that asks for the total to show progress against.
    const commitRequests = stub.requests.filter((request) => request.startsWith('GET /api/v3/repos/apache/commons-lang/commits') && !/\/status\b/.test(request)).length;
    expect(commitRequests).toBe(Math.ceil(history.length / 100) + 1);
    expect(commitRequests).toBeLessThanOrEqual(Math.ceil(1.05 * Math.ceil(history.length / 100)) + 1);
    expect(await fixture.ports.database.db.selectFrom('job').select(['done', 'total', 'status']).executeTakeFirstOrThrow()).toEqual({ done: 1004, total: 1004, status: 'done' });
    const repository = await fixture.ports.database.db.selectFrom('repository').select(['sync_status', 'last_error']).executeTakeFirstOrThrow();
    expect(repository).toEqual({ sync_status: 'synced', last_error: null });
    expect(await fixture.ports.database.db.selectFrom('dev_pull_request').select(['number', 'state']).orderBy('number').execute()).toEqual([
      { number: 900, state: 'MERGED' },
      { number: 901, state: 'OPEN' },
    ]);
    expect(await fixture.ports.database.db.selectFrom('dev_branch').select('name').execute()).toEqual([{ name: 'LANG-1700-faster-split' }]);
  });

  it('reads the reviews of open pull requests only, one request each, and the asked reviewers from the list itself', async () => {
    await drain();
    expect(stub.requests.filter((request) => request.includes('/reviews'))).toEqual(['GET /api/v3/repos/apache/commons-lang/pulls/901/reviews']);
    const reviewers = await fixture.ports.database.db
      .selectFrom('dev_pull_request_reviewer')
      .select(['pull_request_number', 'name', 'state', 'requested'])
      .orderBy('name')
      .execute();
    expect(reviewers).toEqual([
      { pull_request_number: 901, name: 'alice', state: 'APPROVED', requested: 0 },
      { pull_request_number: 901, name: 'bob', state: 'CHANGES_REQUESTED', requested: 0 },
      { pull_request_number: 901, name: 'carol', state: 'PENDING', requested: 1 },
    ]);
  });

  it('reads at most 25 pull requests’ reviews a page, however many are open', async () => {
    const pulls = stub.pulls;
    afterThis(() => (stub.pulls = pulls));
    stub.pulls = Array.from({ length: 60 }, (_, n) => ({
      number: 1000 + n,
      title: `LANG-${1000 + n} Change ${n}`,
      state: 'open' as const,
      merged: false,
      updatedAt: new Date(Date.parse('2026-08-01T10:00:00Z') + n * 60_000).toISOString(),
      head: `change-${n}`,
      reviews: [{ login: 'alice', id: 1001, state: 'APPROVED' as const, submittedAt: '2026-08-01T09:00:00Z' }],
    }));
    await drain();
    const read = stub.requests.filter((request) => request.includes('/reviews'));
    expect(read).toHaveLength(25);
    // The most recently updated first.
    expect(read[0]).toBe('GET /api/v3/repos/apache/commons-lang/pulls/1059/reviews');
    expect(await fixture.ports.database.db.selectFrom('dev_pull_request').select('number').execute()).toHaveLength(60);
  });

  it('ends with the same store through server errors and a rate limit', async () => {
    stub.faults = { serverErrorRate: 0.1, rateLimitAtRequest: 5, seed: 42 };
    const outcomes = await drain();
    expect(stub.faultsInjected).toBeGreaterThan(1);
    expect(outcomes.some((outcome) => outcome.status === 'wait')).toBe(true);
    expect(outcomes[outcomes.length - 1]).toEqual({ status: 'done' });
    expect(await storedCommits()).toEqual(truth);
  });

  it('resumes after being killed mid-slice, losing and repeating nothing', async () => {
    // The process dies after a page's rows are written but before its cursor is saved: the worst moment.
    let cursorWrites = 0;
    const killer: KyselyPlugin = {
      transformQuery: (args) => {
        if (args.node.kind === 'UpdateQueryNode' && JSON.stringify(args.node.table).includes('"job"')) {
          cursorWrites += 1;
          if (cursorWrites === 3 || cursorWrites === 8) throw new Error('process killed');
        }
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    fixture.ports.database = { ...fixture.ports.database, db: fixture.ports.database.db.withPlugin(killer) };
    let kills = 0;
    for (;;) {
      try {
        const outcomes = await drain();
        expect(outcomes[outcomes.length - 1]).toEqual({ status: 'done' });
        break;
      } catch (error) {
        expect(String(error)).toContain('process killed');
        kills += 1;
      }
    }
    expect(kills).toBe(2);
    expect(await storedCommits()).toEqual(truth);
    const links = await fixture.ports.database.db.selectFrom('issue_link').select(['issue_key', 'item_key']).where('item_kind', '=', 'commit').execute();
    expect(new Set(links.map((link) => link.item_key))).toEqual(new Set(truth));
  });

  it('stops with a clear message when the repository is gone or the credential is refused', async () => {
    await fixture.ports.database.db.updateTable('repository').set({ full_name: 'apache/deleted' }).execute();
    expect(await runBackfillSlice(fixture.ports, keys, repositoryId, 1000)).toEqual({ status: 'failed', message: 'Repository no longer exists or access was removed.' });
    await fixture.ports.database.db.updateTable('repository').set({ full_name: 'apache/commons-lang' }).execute();
    await fixture.ports.secrets.set(
      `account:${(await fixture.ports.database.db.selectFrom('account').select('id').executeTakeFirstOrThrow()).id}:credentials`,
      JSON.stringify({ accessToken: 'revoked' }),
    );
    await fixture.ports.database.db.deleteFrom('job').execute();
    const refused = await runBackfillSlice(fixture.ports, keys, repositoryId, 1000);
    expect(refused).toEqual({ status: 'failed', message: 'Invalid credentials, please re-authorise the account.' });
    expect(await fixture.ports.database.db.selectFrom('repository').select(['sync_status', 'last_error']).executeTakeFirstOrThrow()).toEqual({
      sync_status: 'failed',
      last_error: 'Invalid credentials, please re-authorise the account.',
    });
    expect(await fixture.ports.database.db.selectFrom('account').select('status').executeTakeFirstOrThrow()).toEqual({ status: 'invalid-credentials' });
  });

  it('backfills a Bitbucket Cloud repository the same way', async () => {
    const bitbucket = await createAccount(fixture.ports, { provider: 'bitbucket-cloud', hostUrl: 'https://bitbucket.org', name: 'acme', authMethod: 'oauth' });
    await useAccessToken(fixture.ports, bitbucket.id, stub.tokens.bitbucket);
    await setRepositoryLinks(fixture.ports, bitbucket.id, [
      { providerRepoId: '{lang}', fullName: 'acme/commons-lang', url: `${stub.url}/bitbucket/acme/commons-lang`, linked: true },
    ]);
    const id = (await fixture.ports.database.db.selectFrom('repository').select('id').where('account_id', '=', bitbucket.id).executeTakeFirstOrThrow()).id;
    let outcome;
    for (let slice = 0; slice < 100 && outcome?.status !== 'done'; slice += 1) outcome = await runBackfillSlice(fixture.ports, keys, id, 1000);
    expect(outcome).toEqual({ status: 'done' });
    const stored = await fixture.ports.database.db.selectFrom('dev_commit').select('sha').where('repository_id', '=', id).orderBy('sha').execute();
    expect(stored.map((row) => row.sha)).toEqual(truth);
    expect(stub.requests.filter((request) => request.startsWith('GET /bitbucket/2.0/repositories/acme/commons-lang/commits/')).length).toBe(Math.ceil(history.length / 100));
  });

  it('reads Bitbucket reviewers from the pull request list’s participants, asked for with `fields`, at no extra request', async () => {
    afterThis(() => (stub.bitbucketPulls = []));
    stub.bitbucketPulls = [
      {
        id: 31,
        title: 'LANG-1701 Split faster',
        state: 'OPEN',
        updatedOn: '2026-08-02T10:00:00.000000+00:00',
        source: 'LANG-1701',
        participants: [
          {
            uuid: '{00000000-0000-4000-8000-000000000001}',
            name: 'Rita Reviewer',
            role: 'REVIEWER',
            approved: true,
            state: 'approved',
            participatedOn: '2026-08-02T09:00:00.000000+00:00',
          },
          { uuid: '{00000000-0000-4000-8000-000000000002}', name: 'Sam Second', role: 'REVIEWER', approved: false, state: null, participatedOn: null },
          {
            uuid: '{00000000-0000-4000-8000-000000000003}',
            name: 'Chatty Commenter',
            role: 'PARTICIPANT',
            approved: false,
            state: null,
            participatedOn: '2026-08-02T08:00:00.000000+00:00',
          },
        ],
      },
    ];
    const bitbucket = await createAccount(fixture.ports, { provider: 'bitbucket-cloud', hostUrl: 'https://bitbucket.org', name: 'acme', authMethod: 'oauth' });
    await useAccessToken(fixture.ports, bitbucket.id, stub.tokens.bitbucket);
    await setRepositoryLinks(fixture.ports, bitbucket.id, [
      { providerRepoId: '{lang}', fullName: 'acme/commons-lang', url: `${stub.url}/bitbucket/acme/commons-lang`, linked: true },
    ]);
    const id = (await fixture.ports.database.db.selectFrom('repository').select('id').where('account_id', '=', bitbucket.id).executeTakeFirstOrThrow()).id;
    stub.requests.length = 0;
    for (let slice = 0; slice < 100; slice += 1) if ((await runBackfillSlice(fixture.ports, keys, id, 1000)).status === 'done') break;
    const reviewers = await fixture.ports.database.db
      .selectFrom('dev_pull_request_reviewer')
      .select(['name', 'state', 'requested'])
      .where('repository_id', '=', id)
      .orderBy('name')
      .execute();
    expect(reviewers).toEqual([
      { name: 'Rita Reviewer', state: 'APPROVED', requested: 1 },
      { name: 'Sam Second', state: 'PENDING', requested: 1 },
    ]);
    expect(stub.requests.filter((request) => request.includes('/pullrequests'))).toEqual(['GET /bitbucket/2.0/repositories/acme/commons-lang/pullrequests']);
  });
});
