import { sandboxFixture, USERS } from '../../test/support/sandbox-fixture';
import { runInvocation } from '../local/invocation-scope';
import { NO_DEV_TOOLS_MESSAGE } from './panel-resolvers';
import { resolverDefinitions } from './resolver-definitions';

type Fixture = Awaited<ReturnType<typeof sandboxFixture>>;

async function seedDevelopment({ ports }: Fixture) {
  const { db } = ports.database;
  await db
    .insertInto('dev_pull_request')
    .values([
      { repository_id: 'r1', number: 7, title: 'DEMO-1 GitHub login', state: 'OPEN', source_branch: 'DEMO-1-login', destination_branch: 'main', author_name: 'Dana', updated_at: 1_700_000_000_000, url: 'https://github.com/acme/app/pull/7' },
      { repository_id: 'r1', number: 8, title: 'DEMO-1 follow-up', state: 'MERGED', source_branch: 'DEMO-1-more', destination_branch: 'main', author_name: 'Dana', updated_at: 1_700_000_100_000, url: 'https://github.com/acme/app/pull/8' },
    ])
    .execute();
  await db
    .insertInto('issue_link')
    .values([
      { issue_key: 'DEMO-1', project_key: 'DEMO', item_kind: 'commit', repository_id: 'r1', item_key: 'a'.repeat(40), item_time: 1_700_000_000_000 },
      { issue_key: 'DEMO-1', project_key: 'DEMO', item_kind: 'commit', repository_id: 'r1', item_key: 'b'.repeat(40), item_time: 1_700_000_200_000 },
      { issue_key: 'DEMO-1', project_key: 'DEMO', item_kind: 'branch', repository_id: 'r1', item_key: 'DEMO-1-login', item_time: 1_700_000_000_000 },
      { issue_key: 'DEMO-1', project_key: 'DEMO', item_kind: 'pull_request', repository_id: 'r1', item_key: '7', item_time: 1_700_000_000_000 },
      { issue_key: 'DEMO-1', project_key: 'DEMO', item_kind: 'pull_request', repository_id: 'r1', item_key: '8', item_time: 1_700_000_100_000 },
      { issue_key: 'OPS-2', project_key: 'OPS', item_kind: 'commit', repository_id: 'r1', item_key: 'a'.repeat(40), item_time: 1_700_000_000_000 },
    ])
    .execute();
}

describe('getDevelopmentSummary', () => {
  let fixture: Fixture;
  beforeEach(async () => {
    fixture = await sandboxFixture();
    await seedDevelopment(fixture);
  });
  afterEach(() => fixture.close());

  const ask = (accountId: string | undefined, issueKey: string) =>
    runInvocation({ accountId }, () =>
      resolverDefinitions(fixture.ports).getDevelopmentSummary({ context: { accountId, extension: { type: 'jira:issuePanel', issue: { key: issueKey } } } }),
    );

  it('gives a developer the counts for the issue, with pull request states', async () => {
    expect(await ask(USERS.developer, 'DEMO-1')).toEqual({
      ok: true,
      data: {
        access: 'granted',
        issueKey: 'DEMO-1',
        summary: { commits: 2, branches: 1, pullRequests: { total: 2, open: 1, merged: 1, declined: 0 }, lastUpdated: 1_700_000_200_000 },
      },
    });
  });

  it('tells a user without View Development Tools so, and sends no development data', async () => {
    const answer = await ask(USERS.viewer, 'DEMO-1');
    expect(answer).toEqual({ ok: true, data: { access: 'denied', issueKey: 'DEMO-1', message: NO_DEV_TOOLS_MESSAGE } });
    expect(JSON.stringify(answer)).not.toMatch(/commits|summary/);
  });

  it('decides per project: a commit on DEMO-1 and OPS-2 shows on OPS-2 only to those allowed in OPS', async () => {
    expect(await ask(USERS.opsOnly, 'OPS-2')).toMatchObject({ ok: true, data: { access: 'granted', summary: { commits: 1 } } });
    expect(await ask(USERS.opsOnly, 'DEMO-1')).toMatchObject({ ok: true, data: { access: 'denied' } });
  });

  it('denies an anonymous caller', async () => {
    expect(await ask(undefined, 'DEMO-1')).toMatchObject({ ok: true, data: { access: 'denied' } });
  });

  it('reports an empty summary for an issue with no development work', async () => {
    expect(await ask(USERS.developer, 'DEMO-4')).toMatchObject({
      ok: true,
      data: { access: 'granted', summary: { commits: 0, branches: 0, pullRequests: { total: 0 }, lastUpdated: null } },
    });
  });

  it('fails with a clear message when opened outside an issue', async () => {
    const answer = await runInvocation({ accountId: USERS.developer }, () =>
      resolverDefinitions(fixture.ports).getDevelopmentSummary({ context: { accountId: USERS.developer } }),
    );
    expect(answer).toEqual({ ok: false, error: { code: 'invalid_input', message: 'This panel must be opened from an issue.' } });
  });
});
