import { GITHUB_EXAMPLE, linkRepositories } from '../../test/support/linked-repositories';
import { githubDeployment, githubWorkflowRun } from '../../sandbox/demo/github-build-payloads';
import { githubPush } from '../../sandbox/demo/github-payloads';
import { sandboxFixture, USERS } from '../../test/support/sandbox-fixture';
import { githubRequest } from '../../test/support/webhook-requests';
import { createAccount } from '../account-admin/create-account';
import { runInvocation } from '../local/invocation-scope';
import { composeApp } from '../app/compose-app';

describe('"Why isn\'t my commit showing?"', () => {
  let fixture: Awaited<ReturnType<typeof sandboxFixture>>;
  let account: Awaited<ReturnType<typeof createAccount>>;
  beforeEach(async () => {
    fixture = await sandboxFixture({ now: () => Date.parse('2026-11-20T10:00:00Z') });
    account = await createAccount(fixture.ports, { provider: 'github', hostUrl: 'https://github.com', name: 'Codertocat', authMethod: 'oauth' });
    await linkRepositories(fixture.ports, account.id, [GITHUB_EXAMPLE]);
    const push = githubPush('main', [{ sha: 'a1b2c3d4'.padEnd(40, '0'), message: 'DEMO-1 DEMO-999 Fix UTF-8 handling', timestamp: '2026-11-19T10:00:00Z' }]);
    await composeApp(fixture.ports).webtriggers.githubWebhook(githubRequest(account.id, account.webhookSecret, 'push', push, 'delivery-1'));
  });
  afterEach(() => fixture.close());

  const diagnose = async (query: string): Promise<any> =>
    runInvocation({ accountId: USERS.admin }, () => composeApp(fixture.ports).resolvers.diagnoseCommit({ payload: { query }, context: { accountId: USERS.admin } }));

  it('follows a stored commit by its short sha through every step', async () => {
    const { data } = await diagnose('a1b2c3d');
    expect(data.steps.map((step: any) => [step.title, step.outcome])).toEqual([
      ['Commit', 'ok'],
      ['Issue keys', 'ok'],
      ['Issues', 'problem'],
      ['Repository', 'ok'],
      ['Project scope', 'ok'],
      ['On the Development panel', 'ok'],
      ['Builds', 'info'],
      ['Deployments', 'info'],
      ['Webhook', 'ok'],
      ['Last sync', 'info'],
    ]);
    expect(data.steps[1].detail).toBe('Found DEMO-1, DEMO-999, UTF-8. UTF-8 is not a project on this site and is ignored.');
    expect(data.steps[2]).toMatchObject({ detail: 'DEMO-999 does not exist.', action: expect.any(String) });
    expect(data.steps[5].detail).toContain('Shown on DEMO-1, DEMO-999');
  });

  it('says, when no build or deployment of the commit arrived, which GitHub events to tick', async () => {
    const steps = (await diagnose('a1b2c3d')).data.steps;
    expect(steps.find((step: any) => step.title === 'Builds')).toEqual({
      title: 'Builds',
      outcome: 'info',
      detail: 'No build of this commit was received.',
      action: expect.stringContaining('tick Check suites, Check runs, Workflow runs and Statuses in its webhook settings on GitHub'),
    });
    expect(steps.find((step: any) => step.title === 'Deployments').action).toContain('tick Deployments and Deployment statuses');
  });

  it('follows the builds and deployments of the commit: latest state, when, which pipeline or environment, which issues', async () => {
    const sha = 'a1b2c3d4'.padEnd(40, '0');
    const deliver = (event: string, payload: unknown) => composeApp(fixture.ports).webtriggers.githubWebhook(githubRequest(account.id, account.webhookSecret, event, payload));
    await deliver('workflow_run', githubWorkflowRun({ id: 5, runNumber: 5, name: 'CI', sha, branch: 'main', conclusion: 'success', updatedAt: '2026-11-19T10:05:00Z' }));
    await deliver('workflow_run', githubWorkflowRun({ id: 6, runNumber: 6, name: 'Lint', sha, branch: 'main', conclusion: 'failure', updatedAt: '2026-11-19T10:06:00Z' }));
    for (const [event, payload] of githubDeployment({ id: 7, sha, ref: 'main', environment: 'staging', state: 'success', updatedAt: '2026-11-19T10:10:00Z' }))
      await deliver(event, payload);
    const steps = (await diagnose('a1b2c3d')).data.steps;
    expect(steps.find((step: any) => step.title === 'Builds')).toEqual({
      title: 'Builds',
      outcome: 'ok',
      detail: '2 builds of this commit received; the latest, Lint on main, failed. Shown on DEMO-1, DEMO-999.',
      facts: [{ label: 'Latest', at: Date.parse('2026-11-19T10:06:00Z') }],
    });
    expect(steps.find((step: any) => step.title === 'Deployments')).toMatchObject({
      outcome: 'ok',
      detail: expect.stringMatching(/^1 deployment of this commit received; the latest, .*to staging, succeeded\. Shown on DEMO-1, DEMO-999\.$/),
      facts: [{ label: 'Latest', at: Date.parse('2026-11-19T10:10:00Z') }],
    });

    // A deployment kept without links (its issues left the repository's projects since): a problem, with what to do.
    await fixture.ports.database.db.deleteFrom('issue_link').where('item_kind', '=', 'deployment').execute();
    expect((await diagnose('a1b2c3d')).data.steps.find((step: any) => step.title === 'Deployments')).toMatchObject({
      outcome: 'problem',
      detail: expect.stringMatching(/ It links to no issue\.$/),
      action: expect.stringContaining('name the issue there'),
    });
  });

  it('counts deliveries refused for a wrong signature, and keeps that record when the secret is regenerated', async () => {
    const push = githubPush('main', [{ sha: 'f'.repeat(40), message: 'DEMO-1 x', timestamp: '2026-11-19T10:00:00Z' }]);
    for (let n = 0; n < 3; n += 1)
      expect((await composeApp(fixture.ports).webtriggers.githubWebhook(githubRequest(account.id, 'an-old-secret', 'push', push))).statusCode).toBe(401);
    // Forged requests naming no account or an unknown one are refused without a row to grow.
    await composeApp(fixture.ports).webtriggers.githubWebhook(githubRequest('acc_nobody', 'x', 'push', push));
    const step = (await diagnose('a1b2c3d')).data.steps.find((candidate: any) => candidate.title === 'Webhook signatures');
    expect(step).toMatchObject({
      outcome: 'problem',
      detail: "Deliveries to this account's webhook URL were refused because their signature did not match.",
      // Counts and moments are data: the page writes them in the reader's language and time zone.
      facts: [
        { label: 'Refused', count: 3 },
        { label: 'First', at: expect.any(Number) },
        { label: 'Latest', at: expect.any(Number) },
      ],
      action: expect.stringContaining('webhook secret'),
    });
    expect(await fixture.ports.database.db.selectFrom('signature_failure').select('account_id').execute()).toEqual([{ account_id: account.id }]);

    await runInvocation({ accountId: USERS.admin }, () =>
      composeApp(fixture.ports).resolvers.regenerateWebhookSecret({ payload: { accountId: account.id }, context: { accountId: USERS.admin } }),
    );
    // Regenerating is no reason to forget: the record is history, with its dates.
    expect((await diagnose('a1b2c3d')).data.steps.some((candidate: any) => candidate.title === 'Webhook signatures')).toBe(true);
  });

  it('says what to do about a message without a key, and about an unknown sha', async () => {
    expect((await diagnose('Fix UTF-8 handling')).data.steps).toEqual([
      {
        title: 'Issue keys',
        outcome: 'problem',
        detail: 'Found UTF-8. UTF-8 is not a project on this site and is ignored.',
        action: 'Use the key of an existing project, in upper or lower case.',
      },
    ]);
    expect((await diagnose('Fix the login')).data.steps[0]).toMatchObject({ title: 'Issue keys', outcome: 'problem', action: expect.stringContaining('Put the issue key') });
    expect((await diagnose('ffffffff')).data.steps[0]).toMatchObject({ title: 'Commit', outcome: 'problem', action: expect.stringContaining('Sync now') });
  });
});
