import { seedCommit, seedRepository } from '../../test/support/dev-data';
import { sandboxFixture, USERS } from '../../test/support/sandbox-fixture';
import { runInvocation } from '../local/invocation-scope';
import type { JiraRequestInit, JiraRoute } from '../ports/jira';
import { countingDatabase } from '../../test/support/query-counter';
import { NO_DEV_TOOLS_MESSAGE, type ItemsAccess, type PanelAccess } from './panel-resolvers';
import type { ResolverResult } from './resolver-request';
import { composeApp } from '../app/compose-app';

type Fixture = Awaited<ReturnType<typeof sandboxFixture>>;
const sha = (n: number) => n.toString(16).padStart(40, '0');

async function seedDevelopment({ ports }: Fixture) {
  const { repositoryId } = await seedRepository(ports);
  const { db } = ports.database;
  await seedCommit(ports, repositoryId, sha(1), 'DEMO-1 first\n\nbody', ['DEMO-1', 'OPS-2'], 1_700_000_000_000);
  await seedCommit(ports, repositoryId, sha(2), 'DEMO-1 second', ['DEMO-1'], 1_700_000_200_000);
  await db
    .insertInto('dev_branch')
    .values({
      repository_id: repositoryId,
      name: 'DEMO-1-login',
      head_sha: sha(2),
      url: 'https://github.com/acme/app/tree/DEMO-1-login',
      deleted: 0,
      updated_at: 1_700_000_000_000,
    })
    .execute();
  await db
    .insertInto('dev_pull_request')
    .values([
      {
        repository_id: repositoryId,
        number: 7,
        title: 'DEMO-1 GitHub login',
        state: 'OPEN',
        source_branch: 'DEMO-1-login',
        destination_branch: 'main',
        author_name: 'dana',
        updated_at: 1_700_000_000_000,
        url: 'https://github.com/acme/app/pull/7',
      },
      {
        repository_id: repositoryId,
        number: 8,
        title: 'DEMO-1 follow-up',
        state: 'MERGED',
        source_branch: 'DEMO-1-more',
        destination_branch: 'main',
        author_name: 'dana',
        updated_at: 1_700_000_100_000,
        url: 'javascript:alert(1)',
      },
    ])
    .execute();
  await db
    .insertInto('issue_link')
    .values([
      { issue_key: 'DEMO-1', project_key: 'DEMO', item_kind: 'branch', repository_id: repositoryId, item_key: 'DEMO-1-login', item_time: 1_700_000_000_000 },
      { issue_key: 'DEMO-1', project_key: 'DEMO', item_kind: 'pull_request', repository_id: repositoryId, item_key: '7', item_time: 1_700_000_000_000 },
      { issue_key: 'DEMO-1', project_key: 'DEMO', item_kind: 'pull_request', repository_id: repositoryId, item_key: '8', item_time: 1_700_000_100_000 },
    ])
    .execute();
  return repositoryId;
}

describe('Development panel resolvers', () => {
  let fixture: Fixture;
  let repositoryId: string;
  beforeEach(async () => {
    fixture = await sandboxFixture();
    repositoryId = await seedDevelopment(fixture);
  });
  afterEach(() => fixture.close());

  const call = (name: 'getDevelopmentPanel' | 'getDevelopmentItems', accountId: string | undefined, issueKey: string, payload?: unknown) =>
    runInvocation({ accountId }, () =>
      composeApp(fixture.ports).resolvers[name]({ payload, context: { accountId, extension: { type: 'jira:issuePanel', issue: { key: issueKey } } } }),
    );

  it('gives a developer the counts and each list, newest first', async () => {
    const answer = await call('getDevelopmentPanel', USERS.developer, 'DEMO-1');
    expect(answer).toMatchObject({
      ok: true,
      data: {
        access: 'granted',
        issueKey: 'DEMO-1',
        summary: { commits: 2, branches: 1, pullRequests: { total: 2, open: 1, merged: 1, declined: 0 }, lastUpdated: 1_700_000_200_000 },
        commits: {
          nextCursor: null,
          items: [
            {
              kind: 'commit',
              sha: sha(2),
              shortSha: sha(2).slice(0, 7),
              summary: 'DEMO-1 second',
              authorName: 'Dana',
              repository: { name: 'acme/app', url: 'https://github.com/acme/app' },
            },
            { kind: 'commit', sha: sha(1), summary: 'DEMO-1 first' },
          ],
        },
        // The branch has an open pull request: it is shown instead of an offer to create one.
        branches: {
          items: [
            {
              kind: 'branch',
              name: 'DEMO-1-login',
              openPullRequest: { number: 7, title: 'DEMO-1 GitHub login', url: 'https://github.com/acme/app/pull/7' },
              createPullRequestUrl: null,
            },
          ],
        },
        pullRequests: {
          items: [
            { kind: 'pull_request', number: 8, state: 'MERGED', url: null, reviewers: [] },
            { kind: 'pull_request', number: 7, state: 'OPEN', sourceBranch: 'DEMO-1-login', destinationBranch: 'main', url: 'https://github.com/acme/app/pull/7' },
          ],
        },
        repositories: [{ id: repositoryId, name: 'acme/app' }],
      },
    });
  });

  it('tells a user without View Development Tools so, and sends no development data', async () => {
    const answer = await call('getDevelopmentPanel', USERS.viewer, 'DEMO-1');
    expect(answer).toEqual({ ok: true, data: { access: 'denied', issueKey: 'DEMO-1', message: NO_DEV_TOOLS_MESSAGE } });
    const more = await call('getDevelopmentItems', USERS.viewer, 'DEMO-1', { kind: 'commit', cursor: 'x' });
    expect(more).toEqual({ ok: true, data: { access: 'denied', message: NO_DEV_TOOLS_MESSAGE } });
  });

  it('decides per project: a commit on DEMO-1 and OPS-2 shows on OPS-2 only to those allowed in OPS', async () => {
    expect(await call('getDevelopmentPanel', USERS.opsOnly, 'OPS-2')).toMatchObject({
      ok: true,
      data: { access: 'granted', summary: { commits: 1 }, commits: { items: [{ sha: sha(1) }] } },
    });
    expect(await call('getDevelopmentPanel', USERS.opsOnly, 'DEMO-1')).toMatchObject({ ok: true, data: { access: 'denied' } });
    expect(await call('getDevelopmentPanel', undefined, 'DEMO-1')).toMatchObject({ ok: true, data: { access: 'denied' } });
  });

  it('opens with the newest three of each kind, and lists 148 commits in two pages, narrowed on the server', async () => {
    for (let n = 10; n < 158; n += 1) await seedCommit(fixture.ports, repositoryId, sha(n), `DEMO-4 change ${n}`, ['DEMO-4'], 1_700_000_000_000 + (n % 7) * 1000);
    const first = (await call('getDevelopmentPanel', USERS.developer, 'DEMO-4')) as ResolverResult<PanelAccess>;
    if (!first.ok || first.data.access !== 'granted') throw new Error('expected access');
    expect([first.data.summary.commits, first.data.commits.items.length]).toEqual([148, 3]);
    const seen: string[] = [];
    let cursor: string | undefined;
    let calls = 0;
    do {
      const next = (await call('getDevelopmentItems', USERS.developer, 'DEMO-4', { kind: 'commit', ...(cursor ? { cursor } : {}) })) as ResolverResult<ItemsAccess>;
      if (!next.ok || next.data.access !== 'granted') throw new Error('expected access');
      seen.push(...next.data.page.items.map((item) => (item as { sha: string }).sha));
      cursor = next.data.page.nextCursor ?? undefined;
      calls += 1;
    } while (cursor);
    expect([calls, seen.length, new Set(seen).size]).toEqual([2, 148, 148]);
    expect(seen.slice(0, 3)).toEqual(first.data.commits.items.map((item) => (item as { sha: string }).sha));
    const narrowed = (await call('getDevelopmentItems', USERS.developer, 'DEMO-4', { kind: 'commit', text: ' change 15 ', repositoryId })) as ResolverResult<ItemsAccess>;
    expect(narrowed.ok && narrowed.data.access === 'granted' && narrowed.data.page.items.map((item) => (item as { summary: string }).summary).sort()).toEqual([
      'DEMO-4 change 15',
      'DEMO-4 change 150',
      'DEMO-4 change 151',
      'DEMO-4 change 152',
      'DEMO-4 change 153',
      'DEMO-4 change 154',
      'DEMO-4 change 155',
      'DEMO-4 change 156',
      'DEMO-4 change 157',
    ]);
    expect(await call('getDevelopmentItems', USERS.developer, 'DEMO-4', { kind: 'commit', repositoryId: "repo_' or 1=1" })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await call('getDevelopmentItems', USERS.developer, 'DEMO-4', { kind: 'commit', text: 'x'.repeat(101) })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('makes one permission request and seven queries per panel load (the counts, then the rest at once), and one request and one query per page of commits', async () => {
    const counter = countingDatabase(fixture.ports.database);
    let jiraRequests = 0;
    const jira = fixture.ports.jira;
    const ports = {
      ...fixture.ports,
      database: counter.database,
      jira: {
        asApp: () => jira.asApp(),
        asUser: () => ({ requestJira: (endpoint: JiraRoute, init?: JiraRequestInit) => ((jiraRequests += 1), jira.asUser().requestJira(endpoint, init)) }),
      },
    };
    const context = { accountId: USERS.developer, extension: { type: 'jira:issuePanel', issue: { key: 'DEMO-1' } } };
    const answer = (await runInvocation({ accountId: USERS.developer }, () => composeApp(ports).resolvers.getDevelopmentPanel({ context }))) as ResolverResult<PanelAccess>;
    expect(answer.ok && answer.data.access).toBe('granted');
    expect([jiraRequests, counter.count()]).toEqual([1, 7]);
    jiraRequests = 0;
    counter.reset();
    const page = await runInvocation({ accountId: USERS.developer }, () => composeApp(ports).resolvers.getDevelopmentItems({ context, payload: { kind: 'commit' } }));
    expect(page).toMatchObject({ ok: true, data: { access: 'granted' } });
    expect([jiraRequests, counter.count()]).toEqual([1, 1]);
  });

  it('reports an empty issue and refuses a tampered cursor', async () => {
    expect(await call('getDevelopmentPanel', USERS.developer, 'DEMO-3')).toMatchObject({
      ok: true,
      data: { access: 'granted', summary: { commits: 0, branches: 0, pullRequests: { total: 0 }, lastUpdated: null }, commits: { items: [], nextCursor: null } },
    });
    expect(await call('getDevelopmentItems', USERS.developer, 'DEMO-1', { kind: 'commit', cursor: 'not-a-cursor' })).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'This list is out of date. Reload the panel.' },
    });
  });

  it('fails with a clear message when opened outside an issue', async () => {
    const answer = await runInvocation({ accountId: USERS.developer }, () => composeApp(fixture.ports).resolvers.getDevelopmentPanel({ context: { accountId: USERS.developer } }));
    expect(answer).toEqual({ ok: false, error: { code: 'invalid_input', message: 'This panel must be opened from an issue.' } });
  });
});
