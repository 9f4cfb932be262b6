import { githubDeployment, githubWorkflowRun } from '../../sandbox/demo/github-build-payloads';
import { githubPush } from '../../sandbox/demo/github-payloads';
import { GITHUB_EXAMPLE, linkRepositories } from '../../test/support/linked-repositories';
import { collectJobs } from '../../test/support/queued-jobs';
import { sandboxFixture, USERS } from '../../test/support/sandbox-fixture';
import { githubRequest } from '../../test/support/webhook-requests';
import { createAccount } from '../account-admin/create-account';
import { composeApp } from '../app/compose-app';
import { runInvocation } from '../local/invocation-scope';
import type { QueuedJob } from '../ports/queue';

/** A repository's project scope changes: its builds and deployments leave and rejoin issues with their commits. */
describe('builds and deployments when a repository’s project scope changes', () => {
  let fixture: Awaited<ReturnType<typeof sandboxFixture>>;
  let queued: QueuedJob[];
  beforeEach(async () => {
    fixture = await sandboxFixture();
    queued = [];
    fixture.ports.queue.push = collectJobs(queued);
  });
  afterEach(() => fixture.close());

  const call = async (name: string, payload: unknown, issueKey?: string): Promise<any> =>
    runInvocation({ accountId: USERS.admin }, () =>
      (composeApp(fixture.ports).resolvers as Record<string, (request: unknown) => Promise<unknown>>)[name]!({
        payload,
        context: { accountId: USERS.admin, extension: issueKey ? { type: 'jira:issuePanel', issue: { key: issueKey } } : { type: 'jira:adminPage' } },
      }),
    );
  const summaryOf = async (issueKey: string) => (await call('getDevelopmentPanel', undefined, issueKey)).data.summary as { builds: number; deployments: number };
  const drain = async () => {
    const consumer = composeApp(fixture.ports).jobs;
    while (queued.length > 0) await consumer.runBackfillJob(queued.shift()!.body);
  };

  it('follows the commits: a DEMO-only scope takes them off OPS issues, and all projects brings them back', async () => {
    const account = await createAccount(fixture.ports, { provider: 'github', hostUrl: 'https://github.com', name: 'Codertocat', authMethod: 'oauth' });
    await linkRepositories(fixture.ports, account.id, [GITHUB_EXAMPLE]);
    const deliver = (event: string, payload: unknown) => composeApp(fixture.ports).webtriggers.githubWebhook(githubRequest(account.id, account.webhookSecret, event, payload));
    const head = 'e'.repeat(40);
    await deliver('push', githubPush('main', [{ sha: head, message: 'DEMO-1 OPS-2 Share the queue metrics', timestamp: '2026-11-19T10:00:00Z' }]));
    await deliver('workflow_run', githubWorkflowRun({ id: 5, runNumber: 5, name: 'CI', sha: head, branch: 'main', conclusion: 'failure', updatedAt: '2026-11-19T10:05:00Z' }));
    for (const [event, payload] of githubDeployment({ id: 6, sha: head, ref: 'main', environment: 'production', state: 'success', updatedAt: '2026-11-19T10:10:00Z' }))
      await deliver(event, payload);
    expect([await summaryOf('DEMO-1'), await summaryOf('OPS-2')]).toEqual([
      expect.objectContaining({ builds: 1, deployments: 1, failingBuilds: 1, deployedTo: 'production' }),
      expect.objectContaining({ builds: 1, deployments: 1, failingBuilds: 1, deployedTo: 'production' }),
    ]);

    const repositoryId = (await fixture.ports.database.db.selectFrom('repository').select('id').executeTakeFirstOrThrow()).id;
    await call('setRepositoryProjects', { accountId: account.id, repositoryId, projectKeys: ['DEMO'] });
    await drain();
    expect(await summaryOf('OPS-2')).toMatchObject({ builds: 0, deployments: 0, failingBuilds: 0, deployedTo: null });
    expect(await summaryOf('DEMO-1')).toMatchObject({ builds: 1, deployments: 1 });

    await call('setRepositoryProjects', { accountId: account.id, repositoryId, projectKeys: null });
    await drain();
    expect(await summaryOf('OPS-2')).toMatchObject({ builds: 1, deployments: 1, failingBuilds: 1, deployedTo: 'production' });
  });
});
