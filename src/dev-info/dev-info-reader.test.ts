import { seedRepository } from '../../test/support/dev-data';
import { sandboxFixture } from '../../test/support/sandbox-fixture';
import type { DevEvent, PullRequestData, RepositoryRef, Review } from '../git-hosts/dev-event';
import { readItemPage, readPanel } from './dev-info-reader';
import type { DevItemOfKind } from './dev-info-items';
import { decodeCursor } from './item-cursor';
import { writeLinkPlan } from './dev-info-writer';
import { planLinks } from './link-plan';

type Fixture = Awaited<ReturnType<typeof sandboxFixture>>;
const PROJECTS = new Set(['DEMO', 'OPS']);
const sha = (n: number | string) => (typeof n === 'string' ? n : n.toString(16).padStart(40, '0'));
const UPSTREAM: RepositoryRef = { providerRepoId: '1', fullName: 'acme/app', url: 'https://github.com/acme/app' };
const FORK: RepositoryRef = { providerRepoId: '2', fullName: 'dana/app-fork', url: 'https://github.com/dana/app-fork' };

function push(repository: RepositoryRef, branch: string, commits: Array<[number | string, string, number]>): DevEvent {
  return {
    kind: 'push',
    repository,
    branch,
    branchUrl: `${repository.url}/tree/${branch}`,
    headSha: sha(commits[commits.length - 1]?.[0] ?? 0),
    before: null,
    truncated: false,
    commits: commits.map(([n, message, time]) => ({
      sha: sha(n),
      message,
      authorName: 'Dana',
      authorEmail: 'dana@example.com',
      authoredAt: time,
      url: `${repository.url}/commit/${sha(n)}`,
      filesChanged: 1,
    })),
  };
}

function pull(number: number, title: string, state: PullRequestData['state'], updatedAt: number, extra: Partial<PullRequestData> = {}): DevEvent {
  return {
    kind: 'pull-request',
    repository: UPSTREAM,
    pullRequest: {
      number,
      title,
      state,
      sourceBranch: `DEMO-1-pr-${number}`,
      destinationBranch: 'main',
      authorName: 'dana',
      updatedAt,
      url: `${UPSTREAM.url}/pull/${number}`,
      ...extra,
    },
  };
}

const reviews = (number: number, ...given: Array<[string, Review['state'], number]>): DevEvent => ({
  kind: 'pull-request-reviews',
  repository: UPSTREAM,
  number,
  reviews: given.map(([name, state, at]) => ({ reviewerId: `id-${name}`, name, state, at })),
});

const asked = (names: string[], complete = false): PullRequestData['reviewers'] => ({
  people: names.map((name) => ({ reviewerId: `id-${name}`, name, state: 'PENDING', at: 0, requested: true })),
  complete,
});

describe('reading the Development panel', () => {
  let fixture: Fixture;
  let upstream: string;
  const fork = 'repo_fork';
  beforeEach(async () => {
    fixture = await sandboxFixture();
    ({ repositoryId: upstream } = await seedRepository(fixture.ports));
    await fixture.ports.database.db
      .insertInto('repository')
      .values({
        id: fork,
        account_id: 'acc_test',
        provider_repo_id: '2',
        full_name: FORK.fullName,
        url: FORK.url,
        linked: 1,
        smart_commits: 1,
        allowed_project_keys: null,
        sync_cursor: null,
        sync_status: 'webhook',
        last_sync_at: null,
        last_error: null,
        created_at: 1,
        updated_at: 1,
      })
      .execute();
  });
  afterEach(() => fixture.close());

  const apply = (repositoryId: string, events: DevEvent[]) => writeLinkPlan(fixture.ports.database, planLinks(repositoryId, events, PROJECTS, 5_000));
  const panel = (issueKey = 'DEMO-1') => readPanel(fixture.ports.database, issueKey);
  const pullRequests = async () => (await panel()).pull_request.items as Array<DevItemOfKind<'pull_request'>>;

  it('lists a commit in two repositories (a fork: the same sha) once, naming both, and counts it once', async () => {
    await apply(upstream, [push(UPSTREAM, 'main', [[1, 'DEMO-1 Fix the login', 1000]])]);
    await apply(fork, [
      push(FORK, 'main', [
        [1, 'DEMO-1 Fix the login', 1000],
        [2, 'DEMO-1 Only in the fork', 2000],
      ]),
    ]);
    const read = await panel();
    expect(read.summary.commits).toBe(2);
    expect(read.commit.items.map((item) => item.kind === 'commit' && [item.sha, item.repositories.map((repository) => [repository.name, repository.commitUrl])])).toEqual([
      [sha(2), [['dana/app-fork', `${FORK.url}/commit/${sha(2)}`]]],
      [
        sha(1),
        [
          ['acme/app', `${UPSTREAM.url}/commit/${sha(1)}`],
          ['dana/app-fork', `${FORK.url}/commit/${sha(1)}`],
        ],
      ],
    ]);
    expect(read.repositories).toEqual([
      { id: upstream, name: 'acme/app' },
      { id: fork, name: 'dana/app-fork' },
    ]);
    // Narrowed to the upstream repository, the commit is still shown with every repository that has it.
    const upstreamOnly = await readItemPage(fixture.ports.database, 'DEMO-1', 'commit', null, 100, { repositoryId: upstream });
    expect(upstreamOnly.items.map((item) => item.kind === 'commit' && [item.sha, item.repositories.length])).toEqual([[sha(1), 2]]);
    // Unlinking the fork takes it out of the list and the count at once.
    await fixture.ports.database.db.updateTable('repository').set({ linked: 0 }).where('id', '=', fork).execute();
    const after = await panel();
    expect([after.summary.commits, after.commit.items.map((item) => item.kind === 'commit' && item.repositories.map((repository) => repository.name))]).toEqual([
      1,
      [['acme/app']],
    ]);
  });

  it('pages commits shared by repositories without repeating or losing one', async () => {
    const commits: Array<[number, string, number]> = Array.from({ length: 45 }, (_, n) => [n + 1, `DEMO-4 change ${n + 1}`, 1000 + (n % 4)]);
    await apply(upstream, [push(UPSTREAM, 'main', commits)]);
    await apply(fork, [push(FORK, 'main', commits.slice(0, 30))]);
    const seen: string[] = [];
    let page = await readItemPage(fixture.ports.database, 'DEMO-4', 'commit', null, 10);
    for (;;) {
      seen.push(...page.items.map((item) => (item.kind === 'commit' ? item.sha : '')));
      if (!page.nextCursor) break;
      page = await readItemPage(fixture.ports.database, 'DEMO-4', 'commit', decodeCursor(page.nextCursor), 10);
    }
    expect([seen.length, new Set(seen).size, (await panel('DEMO-4')).summary.commits]).toEqual([45, 45, 45]);
  });

  it('shows a branch’s open pull request instead of offering to create one, and offers it again once merged', async () => {
    await apply(upstream, [push(UPSTREAM, 'DEMO-1-login', [[1, 'DEMO-1 wip', 1000]]), pull(7, 'DEMO-1 Log in', 'OPEN', 2000, { sourceBranch: 'DEMO-1-login' })]);
    // A branch of the same name in the fork has no pull request of its own.
    await apply(fork, [push(FORK, 'DEMO-1-login', [[1, 'DEMO-1 wip', 1000]])]);
    const branches = () => panel().then((read) => read.branch.items as Array<DevItemOfKind<'branch'>>);
    expect((await branches()).map((item) => [item.repository.name, item.openPullRequest, item.createPullRequestUrl])).toEqual([
      ['acme/app', { number: 7, title: 'DEMO-1 Log in', url: `${UPSTREAM.url}/pull/7` }, null],
      ['dana/app-fork', null, 'https://github.com/dana/app-fork/compare/DEMO-1-login?expand=1'],
    ]);
    await apply(upstream, [pull(7, 'DEMO-1 Log in', 'MERGED', 3000, { sourceBranch: 'DEMO-1-login' })]);
    expect((await branches()).find((item) => item.repository.name === 'acme/app')).toMatchObject({
      openPullRequest: null,
      createPullRequestUrl: 'https://github.com/acme/app/compare/DEMO-1-login?expand=1',
    });
  });

  it('shows each reviewer’s standing: changes requested, approved, commented, still to review', async () => {
    await apply(upstream, [pull(7, 'DEMO-1 Log in', 'OPEN', 1000, { reviewers: asked(['carol', 'dave']) })]);
    await apply(upstream, [reviews(7, ['alice', 'APPROVED', 2000], ['bob', 'CHANGES_REQUESTED', 2100], ['erin', 'COMMENTED', 2200])]);
    expect((await pullRequests())[0]!.reviewers).toEqual([
      { name: 'bob', state: 'CHANGES_REQUESTED' },
      { name: 'alice', state: 'APPROVED' },
      { name: 'erin', state: 'COMMENTED' },
      { name: 'carol', state: 'PENDING' },
      { name: 'dave', state: 'PENDING' },
    ]);
    // carol reviews (GitHub takes her off the requested list); dave is no longer asked; alice comments later,
    // which leaves her approval standing; bob's change request is dismissed.
    await apply(upstream, [pull(7, 'DEMO-1 Log in', 'OPEN', 3000, { reviewers: asked([]) }), reviews(7, ['carol', 'APPROVED', 3000], ['alice', 'COMMENTED', 3100])]);
    await apply(upstream, [reviews(7, ['bob', 'DISMISSED', 2100])]);
    expect((await pullRequests())[0]!.reviewers).toEqual([
      { name: 'alice', state: 'APPROVED' },
      { name: 'carol', state: 'APPROVED' },
      { name: 'erin', state: 'COMMENTED' },
      { name: 'bob', state: 'PENDING' },
    ]);
  });

  it('ends the same whatever order reviews arrive in, and a late, older pull request event changes no reviewers', async () => {
    const history: DevEvent[] = [reviews(7, ['alice', 'CHANGES_REQUESTED', 2000]), reviews(7, ['alice', 'APPROVED', 3000]), reviews(7, ['alice', 'COMMENTED', 4000])];
    await apply(upstream, [pull(7, 'DEMO-1 Log in', 'OPEN', 1000, { reviewers: asked(['alice']) })]);
    for (const event of [...history].reverse()) await apply(upstream, [event]);
    await apply(upstream, [history[0]!]);
    expect((await pullRequests())[0]!.reviewers).toEqual([{ name: 'alice', state: 'APPROVED' }]);
    await apply(upstream, [pull(7, 'DEMO-1 Log in', 'OPEN', 5000, { reviewers: asked(['bob']) })]);
    await apply(upstream, [pull(7, 'DEMO-1 Log in', 'OPEN', 4500, { reviewers: asked(['zed']) })]);
    expect((await pullRequests())[0]!.reviewers.map((reviewer) => reviewer.name)).toEqual(['alice', 'bob']);
  });

  it('takes Bitbucket’s participants as the whole list: someone no longer listed is gone', async () => {
    const participants = (people: Array<[string, Review['state'], boolean]>): PullRequestData['reviewers'] => ({
      people: people.map(([name, state, requested]) => ({ reviewerId: `id-${name}`, name, state, at: state === 'PENDING' ? 0 : 1500, requested })),
      complete: true,
    });
    await apply(upstream, [
      pull(7, 'DEMO-1 Log in', 'OPEN', 1000, {
        reviewers: participants([
          ['rita', 'PENDING', true],
          ['sam', 'APPROVED', false],
        ]),
      }),
    ]);
    expect((await pullRequests())[0]!.reviewers).toEqual([
      { name: 'sam', state: 'APPROVED' },
      { name: 'rita', state: 'PENDING' },
    ]);
    await apply(upstream, [pull(7, 'DEMO-1 Log in', 'OPEN', 2000, { reviewers: participants([['rita', 'APPROVED', true]]) })]);
    expect((await pullRequests())[0]!.reviewers).toEqual([{ name: 'rita', state: 'APPROVED' }]);
    // Taking an approval back (Bitbucket's `unapproved`) leaves a reviewer who was asked still to review.
    await apply(upstream, [reviews(7, ['rita', 'PENDING', 2500])]);
    expect((await pullRequests())[0]!.reviewers).toEqual([{ name: 'rita', state: 'PENDING' }]);
  });

  it('keeps at most 50 reviewers a pull request, and no reviews of pull requests it does not store', async () => {
    await apply(upstream, [pull(7, 'DEMO-1 Log in', 'OPEN', 1000, { reviewers: asked(Array.from({ length: 40 }, (_, n) => `asked${n}`)) })]);
    await apply(upstream, [
      reviews(7, ...Array.from({ length: 30 }, (_, n): [string, Review['state'], number] => [`drive-by${n}`, 'APPROVED', 2000 + n])),
      reviews(99, ['alice', 'APPROVED', 2000]),
    ]);
    const { db } = fixture.ports.database;
    expect(
      await db
        .selectFrom('dev_pull_request_reviewer')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('pull_request_number', '=', 7)
        .executeTakeFirst(),
    ).toEqual({ n: 50 });
    expect(await db.selectFrom('dev_pull_request_reviewer').select('reviewer_id').where('pull_request_number', '=', 99).execute()).toEqual([]);
  });

  it('narrows a full list on the server: by text, sha prefix, repository and pull request state', async () => {
    await apply(upstream, [
      push(UPSTREAM, 'main', [
        [`abc123${'0'.repeat(34)}`, 'DEMO-1 Fix the 100% CPU loop', 1000],
        [2, 'DEMO-1 Add the login_form', 2000],
        [3, 'DEMO-1 Unrelated', 3000],
      ]),
      pull(7, 'DEMO-1 Log in', 'OPEN', 1000),
      pull(8, 'DEMO-1 Cache', 'MERGED', 2000),
    ]);
    await apply(fork, [push(FORK, 'main', [[4, 'DEMO-1 Fork work on login', 4000]])]);
    const commits = async (filter: Parameters<typeof readItemPage>[5]) =>
      (await readItemPage(fixture.ports.database, 'DEMO-1', 'commit', null, 100, filter)).items.map((item) => (item.kind === 'commit' ? item.summary : ''));
    expect(await commits({ text: 'LOGIN' })).toEqual(['DEMO-1 Fork work on login', 'DEMO-1 Add the login_form']);
    // LIKE's wildcards are searched for as themselves.
    expect(await commits({ text: '100%' })).toEqual(['DEMO-1 Fix the 100% CPU loop']);
    expect(await commits({ text: 'n_f' })).toEqual(['DEMO-1 Add the login_form']);
    expect(await commits({ text: 'ABC123' })).toEqual(['DEMO-1 Fix the 100% CPU loop']);
    expect(await commits({ text: 'login', repositoryId: upstream })).toEqual(['DEMO-1 Add the login_form']);
    const pulls = async (filter: Parameters<typeof readItemPage>[5]) =>
      (await readItemPage(fixture.ports.database, 'DEMO-1', 'pull_request', null, 100, filter)).items.map((item) => (item.kind === 'pull_request' ? item.number : 0));
    expect(await pulls({ state: 'MERGED' })).toEqual([8]);
    expect(await pulls({ text: '#7' })).toEqual([7]);
    expect(await pulls({ text: 'cache', state: 'OPEN' })).toEqual([]);
  });
});
