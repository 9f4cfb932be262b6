import { githubWorkflowRun } from '../../sandbox/demo/github-build-payloads';
import { githubPush } from '../../sandbox/demo/github-payloads';
import { GITHUB_EXAMPLE, linkRepositories } from '../../test/support/linked-repositories';
import { sandboxFixture, USERS } from '../../test/support/sandbox-fixture';
import { githubRequest } from '../../test/support/webhook-requests';
import { composeApp } from '../app/compose-app';
import { runInvocation } from '../local/invocation-scope';
import { createAccount } from './create-account';

describe('the account page says whether build and deployment events arrive, per repository', () => {
  it('says none until a build arrives, then when the last one was', async () => {
    const fixture = await sandboxFixture();
    try {
      const account = await createAccount(fixture.ports, { provider: 'github', hostUrl: 'https://github.com', name: 'Codertocat', authMethod: 'oauth' });
      await linkRepositories(fixture.ports, account.id, [GITHUB_EXAMPLE]);
      const details = async () =>
        (
          (await runInvocation({ accountId: USERS.admin }, () =>
            composeApp(fixture.ports).resolvers.getAccount({ payload: { accountId: account.id }, context: { accountId: USERS.admin, extension: { type: 'jira:adminPage' } } }),
          )) as { data: { repositories: Array<{ buildEvents: unknown }> } }
        ).data.repositories[0]!.buildEvents;
      expect(await details()).toEqual({ lastBuildAt: null, lastDeploymentAt: null });
      const deliver = (event: string, payload: unknown) => composeApp(fixture.ports).webtriggers.githubWebhook(githubRequest(account.id, account.webhookSecret, event, payload));
      await deliver('push', githubPush('main', [{ sha: 'a'.repeat(40), message: 'DEMO-1 x', timestamp: '2026-11-19T10:00:00Z' }]));
      await deliver(
        'workflow_run',
        githubWorkflowRun({ id: 1, runNumber: 1, name: 'CI', sha: 'a'.repeat(40), branch: 'main', conclusion: 'success', updatedAt: '2026-11-19T10:05:00Z' }),
      );
      expect(await details()).toEqual({ lastBuildAt: Date.parse('2026-11-19T10:05:00Z'), lastDeploymentAt: null });
    } finally {
      await fixture.close();
    }
  });
});
