import { sandboxFixture, USERS } from '../../test/support/sandbox-fixture';
import { runInvocation } from '../local/invocation-scope';
import { composeApp } from '../app/compose-app';

describe('getAdminOverview', () => {
  let fixture: Awaited<ReturnType<typeof sandboxFixture>>;
  beforeEach(async () => {
    fixture = await sandboxFixture();
  });
  afterEach(() => fixture.close());

  const ask = (accountId: string | undefined) =>
    runInvocation({ accountId }, () => composeApp(fixture.ports).resolvers.getAdminOverview({ context: { accountId, extension: { type: 'jira:adminPage' } } }));

  it('lists accounts with repository counts and the endpoints to paste into the Git host', async () => {
    const { db } = fixture.ports.database;
    await db
      .insertInto('account')
      .values({
        id: 'a1',
        provider: 'github',
        host_url: 'https://github.com',
        name: 'acme',
        auth_method: 'oauth',
        status: 'connected',
        settings: '{}',
        created_at: 1,
        updated_at: 1,
      })
      .execute();
    await db
      .insertInto('repository')
      .values([
        {
          id: 'r1',
          account_id: 'a1',
          provider_repo_id: '1',
          full_name: 'acme/app',
          url: 'https://github.com/acme/app',
          linked: 1,
          smart_commits: 1,
          allowed_project_keys: null,
          sync_cursor: null,
          sync_status: 'syncing',
          last_sync_at: 5000,
          last_error: null,
          created_at: 1,
          updated_at: 1,
        },
        {
          id: 'r2',
          account_id: 'a1',
          provider_repo_id: '2',
          full_name: 'acme/docs',
          url: 'https://github.com/acme/docs',
          linked: 0,
          smart_commits: 1,
          allowed_project_keys: null,
          sync_cursor: null,
          sync_status: 'idle',
          last_sync_at: null,
          last_error: null,
          created_at: 1,
          updated_at: 1,
        },
      ])
      .execute();
    await fixture.ports.secrets.set('account:a1:credentials', JSON.stringify({ accessToken: 'ghp_x' }));
    const answer = await ask(USERS.admin);
    expect(answer).toMatchObject({ ok: true });
    const overview = (answer as { data: { accounts: unknown[]; endpoints: Record<string, string> } }).data;
    expect(overview.accounts).toEqual([
      {
        id: 'a1',
        provider: 'github',
        hostUrl: 'https://github.com',
        name: 'acme',
        // Derived, not the stored verdict: its one linked repository is still reading its history.
        status: 'syncing',
        linked: 1,
        inProgress: 1,
        rateLimited: 0,
        failed: 0,
        latestError: null,
        lastSyncAt: 5000,
        lastDeliveryAt: null,
        webhookUrl: 'http://localhost:8080/x/github-webhook?account=a1',
      },
    ]);
    expect(overview.endpoints).toMatchObject({
      githubWebhookUrl: 'http://localhost:8080/x/github-webhook',
      bitbucketWebhookUrl: 'http://localhost:8080/x/bitbucket-webhook',
      oauthCallbackUrl: 'http://localhost:8080/x/oauth-callback',
    });
  });

  it.each([
    ['a developer', USERS.developer],
    ['a user without permissions', USERS.viewer],
    ['an anonymous caller', undefined],
  ])('refuses %s', async (_who, accountId) => {
    expect(await ask(accountId)).toEqual({ ok: false, error: { code: 'forbidden', message: 'Only Jira administrators can manage DVCS accounts.' } });
  });
});
