import { GITHUB_EXAMPLE, linkRepositories } from '../../test/support/linked-repositories';
import { collectJobs } from '../../test/support/queued-jobs';
import { githubPush } from '../../sandbox/demo/github-payloads';
import { sandboxFixture, USERS } from '../../test/support/sandbox-fixture';
import { githubRequest } from '../../test/support/webhook-requests';
import { createAccount } from '../account-admin/create-account';
import { runInvocation } from '../local/invocation-scope';
import type { QueuedJob } from '../ports/queue';
import { composeApp } from '../app/compose-app';

describe('repositories scoped to Jira projects', () => {
  let fixture: Awaited<ReturnType<typeof sandboxFixture>>;
  let queued: QueuedJob[];
  beforeEach(async () => {
    fixture = await sandboxFixture();
    queued = [];
    fixture.ports.queue.push = collectJobs(queued);
  });
  afterEach(() => fixture.close());

  const call = async (name: string, payload: unknown, accountId: string = USERS.admin, issueKey?: string): Promise<any> =>
    runInvocation({ accountId }, () =>
      (composeApp(fixture.ports).resolvers as Record<string, (request: unknown) => Promise<unknown>>)[name]!({
        payload,
        context: { accountId, extension: issueKey ? { type: 'jira:issuePanel', issue: { key: issueKey } } : { type: 'jira:adminPage' } },
      }),
    );
  const commitsOn = async (issueKey: string) => (await call('getDevelopmentPanel', undefined, USERS.admin, issueKey)).data.summary.commits as number;
  const drain = async () => {
    const consumer = composeApp(fixture.ports).jobs;
    while (queued.length > 0) await consumer.runBackfillJob(queued.shift()!.body);
  };

  it('links a DEMO-only repository to DEMO issues alone, before and after the scope changes, without refetching', async () => {
    const account = await createAccount(fixture.ports, { provider: 'github', hostUrl: 'https://github.com', name: 'Codertocat', authMethod: 'oauth' });
    await linkRepositories(fixture.ports, account.id, [GITHUB_EXAMPLE]);
    const deliver = (n: number, message: string) =>
      composeApp(fixture.ports).webtriggers.githubWebhook(
        githubRequest(account.id, account.webhookSecret, 'push', githubPush('main', [{ sha: n.toString(16).padStart(40, 'd'), message, timestamp: '2026-11-19T10:00:00Z' }])),
      );
    await deliver(1, 'DEMO-1 OPS-2 Share the queue metrics');
    const repositoryId = (await fixture.ports.database.db.selectFrom('repository').select('id').executeTakeFirstOrThrow()).id;
    expect([await commitsOn('DEMO-1'), await commitsOn('OPS-2')]).toEqual([1, 1]);

    expect(await call('setRepositoryProjects', { accountId: account.id, repositoryId, projectKeys: ['DEMO'] })).toEqual({ ok: true, data: { queued: true } });
    await drain();
    expect([await commitsOn('DEMO-1'), await commitsOn('OPS-2')]).toEqual([1, 0]);

    // New work respects the scope too (the webhook's repository cache is fresh in a new handler).
    await deliver(2, 'OPS-1 DEMO-3 Rotate keys');
    expect([await commitsOn('DEMO-3'), await commitsOn('OPS-1')]).toEqual([1, 0]);
    const account2Details = await call('getAccount', { accountId: account.id });
    expect(account2Details.data.repositories[0].projectKeys).toEqual(['DEMO']);
    expect(account2Details.data.projects.map((project: { key: string }) => project.key)).toEqual(['DEMO', 'OPS']);

    // Back to all projects: the stored commits reach OPS again, with no call to GitHub.
    fixture.ports.fetch = async () => {
      throw new Error('no refetch expected');
    };
    await call('setRepositoryProjects', { accountId: account.id, repositoryId, projectKeys: null });
    await drain();
    expect([await commitsOn('DEMO-1'), await commitsOn('OPS-2'), await commitsOn('OPS-1'), await commitsOn('DEMO-3')]).toEqual([1, 1, 1, 1]);
  });

  it('refuses an empty or malformed scope', async () => {
    expect(await call('setRepositoryProjects', { accountId: 'acc_x', repositoryId: 'repo_000000000000000000000000', projectKeys: [] })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await call('setRepositoryProjects', { accountId: 'acc_x', repositoryId: 'repo_000000000000000000000000', projectKeys: ['1X'] })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });
});
