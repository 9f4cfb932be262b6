import { githubDeployment, githubWorkflowRun } from '../../sandbox/demo/github-build-payloads';
import { githubPush } from '../../sandbox/demo/github-payloads';
import { GITHUB_EXAMPLE, linkRepositories } from '../../test/support/linked-repositories';
import { sandboxFixture, USERS } from '../../test/support/sandbox-fixture';
import { githubRequest } from '../../test/support/webhook-requests';
import { createAccount } from '../account-admin/create-account';
import { composeApp } from '../app/compose-app';
import { runInvocation } from '../local/invocation-scope';
import { route } from '../ports/jira';
import { runJiraCopy } from './jira-copy-job';
import { SUMMARY_PROPERTY_KEY } from './push-issue-summaries';

/** Builds and deployments reach Jira's own APIs (contract-checked against jira-software.v3.json), and JQL. */
describe("copying builds and deployments to Jira's builds and deployments APIs", () => {
  let fixture: Awaited<ReturnType<typeof sandboxFixture>>;
  const now = Date.parse('2026-11-20T10:00:00Z');
  const at = (minutes: number) => new Date(now - minutes * 60_000).toISOString();
  const head = 'c'.repeat(40);

  beforeEach(async () => {
    fixture = await sandboxFixture({ now: () => now });
    fixture.ports.queue.push = async () => undefined;
  });
  afterEach(() => fixture.close());

  async function seed(settings: Record<string, boolean>) {
    const created = await createAccount(fixture.ports, { provider: 'github', hostUrl: 'https://github.com', name: 'Codertocat', authMethod: 'oauth', settings });
    await linkRepositories(fixture.ports, created.id, [GITHUB_EXAMPLE]);
    const deliver = async (event: string, payload: unknown) =>
      expect((await composeApp(fixture.ports).webtriggers.githubWebhook(githubRequest(created.id, created.webhookSecret, event, payload))).statusCode).toBe(200);
    await deliver('push', githubPush('DEMO-1-login', [{ sha: head, message: 'DEMO-1 Log in', timestamp: at(60) }]));
    await deliver('workflow_run', githubWorkflowRun({ id: 1, runNumber: 4, name: 'CI', sha: head, branch: 'DEMO-1-login', conclusion: 'success', updatedAt: at(50) }));
    await deliver('workflow_run', githubWorkflowRun({ id: 2, runNumber: 9, name: 'Lint', sha: head, branch: 'DEMO-1-login', conclusion: 'failure', updatedAt: at(49) }));
    for (const [event, payload] of githubDeployment({ id: 31, sha: head, ref: 'DEMO-1-login', environment: 'staging', state: 'success', updatedAt: at(40) }))
      await deliver(event, payload);
    for (const [event, payload] of githubDeployment({ id: 32, sha: head, ref: 'DEMO-1-login', environment: 'production', state: 'success', updatedAt: at(30) }))
      await deliver(event, payload);
  }

  it('sends both builds and both deployments for a mirroring account, once, and Jira accepts them', async () => {
    await seed({ mirrorDevelopmentInfo: true });
    const run = await runJiraCopy(fixture.ports);
    expect(run.builds).toMatchObject({ sent: 4, failed: 0, more: false });
    expect([...fixture.site.builds.builds.values()].map((build) => [build.displayName, build.state, build.issueKeys])).toEqual([
      ['CI', 'successful', ['DEMO-1']],
      ['Lint', 'failed', ['DEMO-1']],
    ]);
    expect([...fixture.site.builds.deployments.values()].map((deployment) => [(deployment.environment as { type: string }).type, deployment.state])).toEqual([
      ['staging', 'successful'],
      ['production', 'successful'],
    ]);
    expect(await fixture.ports.database.db.selectFrom('devinfo_outbox').selectAll().execute()).toEqual([]);
    // Nothing is left to send.
    expect((await runJiraCopy(fixture.ports)).builds).toMatchObject({ sent: 0, failed: 0 });
  });

  it('sends none for an account that does not mirror, but the summary property still says it: one failing build, deployed to production', async () => {
    await seed({});
    await runJiraCopy(fixture.ports);
    expect(fixture.site.builds.builds.size + fixture.site.builds.deployments.size).toBe(0);
    expect(fixture.site.issue('DEMO-1')?.properties.get(SUMMARY_PROPERTY_KEY)).toMatchObject({ failingBuilds: 1, deployedTo: 'production' });
    const response = await runInvocation({ accountId: USERS.developer }, () =>
      fixture.ports.jira.asUser().requestJira(route`/rest/api/3/search/jql?jql=${'dvcsFailingBuilds > 0 AND dvcsDeployedTo = production'}`),
    );
    expect(((await response.json()) as { issues: Array<{ key: string }> }).issues.map((issue) => issue.key)).toEqual(['DEMO-1']);
  });
});
