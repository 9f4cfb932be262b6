import { githubDeployment, githubWorkflowRun } from '../../sandbox/demo/github-build-payloads';
import { githubPush } from '../../sandbox/demo/github-payloads';
import { GITHUB_EXAMPLE, linkRepositories } from '../../test/support/linked-repositories';
import { sandboxFixture, USERS } from '../../test/support/sandbox-fixture';
import { githubRequest } from '../../test/support/webhook-requests';
import { createAccount } from '../account-admin/create-account';
import { setRepositoryLinks } from '../account-admin/link-repositories';
import { purgeRepositorySlice } from '../dev-info/repository-purge';
import { composeApp } from '../app/compose-app';
import { runInvocation } from '../local/invocation-scope';
import { route } from '../ports/jira';
import { runJiraCopy } from './jira-copy-job';
import { SUMMARY_PROPERTY_KEY } from './push-issue-summaries';

/** Builds and deployments reach Jira's own APIs (contract-checked against jira-software.v3.json), and JQL. */
describe("copying builds and deployments to Jira's builds and deployments APIs", () => {
  let fixture: Awaited<ReturnType<typeof sandboxFixture>>;
  let now = Date.parse('2026-11-20T10:00:00Z');
  const at = (minutes: number) => new Date(now - minutes * 60_000).toISOString();
  const head = 'c'.repeat(40);

  beforeEach(async () => {
    fixture = await sandboxFixture({ now: () => now });
    fixture.ports.queue.push = async () => undefined;
  });
  afterEach(() => fixture.close());

  async function seed(settings: Record<string, boolean>): Promise<string> {
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
    return created.id;
  }
  const inJira = () => [fixture.site.builds.builds.size, fixture.site.builds.deployments.size];
  /** Another app's (or another repository's) build in Jira, which removing this repository must leave alone. */
  const otherBuild = () =>
    fixture.site.builds.builds.set('other\n1', {
      pipelineId: 'other',
      buildNumber: 1,
      updateSequenceNumber: 1,
      issueKeys: ['DEMO-1'],
      properties: { dvcsRepository: 'repo_other' },
    });

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

  it('removes the repository’s builds and deployments from Jira when it is unlinked, and only its own, retrying a refusal', async () => {
    const accountId = await seed({ mirrorDevelopmentInfo: true });
    await runJiraCopy(fixture.ports);
    otherBuild();
    expect(inJira()).toEqual([3, 2]);
    const repositoryId = (await fixture.ports.database.db.selectFrom('repository').select('id').executeTakeFirstOrThrow()).id;
    await setRepositoryLinks(fixture.ports, accountId, [{ ...GITHUB_EXAMPLE, linked: false }]);
    expect(await purgeRepositorySlice(fixture.ports, repositoryId)).toBe(true);

    // Jira refuses the deployments' removal once: the repository's row stays, and the whole removal is tried again.
    const jira = fixture.ports.jira;
    let refusals = 1;
    fixture.ports.jira = {
      ...jira,
      asApp: () => ({
        requestJira: async (endpoint, init) =>
          endpoint.path.startsWith('/rest/deployments/0.1/bulkByProperties') && refusals-- > 0
            ? { status: 503, ok: false, headers: { get: () => null }, text: async () => '', json: async () => ({}) }
            : jira.asApp().requestJira(endpoint, init),
      }),
    };
    expect((await runJiraCopy(fixture.ports)).devinfo).toMatchObject({ deleted: 0, failed: 1 });
    expect(inJira()).toEqual([1, 2]);
    now += 3600_000;
    expect((await runJiraCopy(fixture.ports)).devinfo).toMatchObject({ deleted: 1, failed: 0 });
    expect(inJira()).toEqual([1, 0]);
    expect([...fixture.site.builds.builds.keys()]).toEqual(['other\n1']);
    expect(await fixture.ports.database.db.selectFrom('devinfo_outbox').selectAll().execute()).toEqual([]);
  });

  it('removes them when the account stops copying to Jira, and sends them again when it starts', async () => {
    const accountId = await seed({ mirrorDevelopmentInfo: true });
    await runJiraCopy(fixture.ports);
    expect(inJira()).toEqual([2, 2]);
    const update = (mirrorDevelopmentInfo: boolean) =>
      runInvocation({ accountId: USERS.admin }, () =>
        composeApp(fixture.ports).resolvers.updateAccount({ payload: { accountId, settings: { mirrorDevelopmentInfo } }, context: { accountId: USERS.admin } }),
      );
    await update(false);
    await runJiraCopy(fixture.ports);
    expect(inJira()).toEqual([0, 0]);
    await update(true);
    await runJiraCopy(fixture.ports);
    expect(inJira()).toEqual([2, 2]);
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
