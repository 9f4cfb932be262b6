import { GITHUB_EXAMPLE, linkRepositories } from '../../test/support/linked-repositories';
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
      ['Webhook', 'ok'],
      ['Last sync', 'info'],
    ]);
    expect(data.steps[1].detail).toBe('Found DEMO-1, DEMO-999, UTF-8. UTF-8 is not a project on this site and is ignored.');
    expect(data.steps[2]).toMatchObject({ detail: 'DEMO-999 does not exist.', action: expect.any(String) });
    expect(data.steps[5].detail).toContain('Shown on DEMO-1, DEMO-999');
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
