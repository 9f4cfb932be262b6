import { updateAccount } from '../account-admin/update-account';
import { GITHUB_EXAMPLE, linkRepositories } from '../../test/support/linked-repositories';
import { collectJobs } from '../../test/support/queued-jobs';
import { githubPush } from '../../sandbox/demo/github-payloads';
import { sandboxFixture } from '../../test/support/sandbox-fixture';
import { jiraResponse } from '../../test/support/jira-response';
import type { JiraClient } from '../ports/jira';
import { githubRequest } from '../../test/support/webhook-requests';
import { createAccount } from '../account-admin/create-account';
import type { QueuedJob } from '../ports/queue';
import { composeApp } from '../app/compose-app';

const NOW = Date.parse('2026-11-20T10:00:00Z');
const sha = (n: number) => n.toString(16).padStart(40, 'c');
const dana = { name: 'Dana Developer', email: 'dana@example.com' };
const DANA = '557058:dev-dana';
const victor = { name: 'Victor Viewer', email: 'victor@example.com' };

describe('smart commits from a signed push, in the sandbox', () => {
  let fixture: Awaited<ReturnType<typeof sandboxFixture>>;
  let queued: QueuedJob[];
  let account: { id: string; webhookSecret: string };

  beforeEach(async () => {
    fixture = await sandboxFixture({ now: () => NOW });
    queued = [];
    fixture.ports.queue.push = collectJobs(queued);
    account = await createAccount(fixture.ports, { provider: 'github', hostUrl: 'https://github.com', name: 'Codertocat', authMethod: 'oauth' });
    await linkRepositories(fixture.ports, account.id, [GITHUB_EXAMPLE]);
  });
  afterEach(() => fixture.close());

  async function push(commits: Parameters<typeof githubPush>[1]) {
    const handlers = composeApp(fixture.ports).webtriggers;
    const answer = await handlers.githubWebhook(githubRequest(account.id, account.webhookSecret, 'push', githubPush('main', commits)));
    expect(answer.statusCode).toBe(200);
    const consumer = composeApp(fixture.ports).jobs;
    while (queued.length > 0) await consumer.runBackfillJob(queued.shift()!.body);
  }
  const results = async () =>
    (await fixture.ports.database.db.selectFrom('smart_commit').select(['sha', 'status', 'results']).orderBy('sha').execute()).map((row) => ({
      sha: row.sha,
      status: row.status,
      results: JSON.parse(row.results ?? '[]'),
    }));

  it('comments, logs work and transitions as the committer may, and records what it may not', async () => {
    const commits = [
      { sha: sha(1), message: 'DEMO-1 Fix the redirect #comment Fixed the OAuth redirect #time 1h 30m debugging #resolve', author: dana, timestamp: '2026-11-19T10:00:00Z' },
      { sha: sha(2), message: 'DEMO-2 #comment looks good #time 1h', author: victor, timestamp: '2026-11-19T11:00:00Z' },
      { sha: sha(3), message: 'DEMO-4 #comment from a stranger', author: { name: 'Stranger', email: 'stranger@example.com' }, timestamp: '2026-11-19T12:00:00Z' },
      { sha: sha(4), message: 'DEMO-4 #deploy to staging\nDEMO-9 #comment no such issue\nOPS-1 #comment #time', author: dana, timestamp: '2026-11-19T13:00:00Z' },
    ];
    await push(commits);

    const demo1 = fixture.site.issue('DEMO-1')!;
    expect(demo1.status).toBe('Done');
    expect(demo1.comments).toHaveLength(1);
    expect(JSON.stringify(demo1.comments[0]!.body)).toContain('Fixed the OAuth redirect');
    expect(JSON.stringify(demo1.comments[0]!.body)).toContain(
      '"text":"— Dana Developer via commit "},{"type":"text","text":"ccccccc","marks":[{"type":"link","attrs":{"href":"https://github.com/Codertocat/Hello-World/commit/' +
        sha(1) +
        '"}}]}',
    );
    // Written as Dana herself (the sandbox, like Forge with offline impersonation, lets the app act as her).
    expect(demo1.comments[0]!.author).toBe(DANA);
    expect(demo1.worklogs.map((worklog) => worklog.timeSpentSeconds)).toEqual([5400]);
    expect(fixture.site.issue('DEMO-2')!.comments).toHaveLength(1);
    expect(fixture.site.issue('DEMO-2')!.worklogs).toHaveLength(0);

    expect(await results()).toEqual([
      {
        sha: sha(1),
        status: 'done',
        results: [
          expect.objectContaining({ issueKey: 'DEMO-1', command: '#comment', status: 'done' }),
          expect.objectContaining({ command: '#time', status: 'done' }),
          expect.objectContaining({ command: '#resolve', status: 'done' }),
        ],
      },
      {
        sha: sha(2),
        status: 'done',
        results: [
          expect.objectContaining({ command: '#comment', status: 'done' }),
          { issueKey: 'DEMO-2', command: '#time', status: 'failed', message: expect.stringContaining('Victor Viewer lacks the WORK_ON_ISSUES permission on DEMO-2') },
        ],
      },
      {
        sha: sha(3),
        status: 'done',
        results: [{ issueKey: 'DEMO-4', command: '#comment', status: 'failed', message: expect.stringContaining('No Jira user has the email stranger@example.com') }],
      },
      {
        sha: sha(4),
        status: 'done',
        results: [
          { issueKey: 'DEMO-4', command: '#deploy', status: 'failed', message: 'DEMO-4 has no transition named "deploy" from its current status.' },
          { issueKey: 'DEMO-9', command: '#comment', status: 'failed', message: 'DEMO-9 does not exist.' },
          { issueKey: 'OPS-1', command: '#comment', status: 'failed', message: '#comment needs the text of the comment after it.' },
          { issueKey: 'OPS-1', command: '#time', status: 'failed', message: '#time needs a duration such as 1w 2d 4h 30m.' },
        ],
      },
    ]);

    // The admin sees what failed, and why, on the account's page.
    const { accountDetails } = await import('../account-admin/account-details');
    const details = await accountDetails(fixture.ports, account.id);
    expect(details.repositories[0]!.smartCommitErrors.map((error) => `${error.issueKey} ${error.command}`)).toEqual(
      expect.arrayContaining(['DEMO-2 #time', 'DEMO-4 #comment', 'DEMO-4 #deploy', 'DEMO-9 #comment', 'OPS-1 #comment', 'OPS-1 #time']),
    );

    // The same push again (a redelivery, or the same commits through another branch) changes nothing.
    await push(commits);
    expect(fixture.site.issue('DEMO-1')!.comments).toHaveLength(1);
    expect(fixture.site.issue('DEMO-1')!.worklogs).toHaveLength(1);
    expect(fixture.site.issue('DEMO-2')!.comments).toHaveLength(1);
  });

  it('acts on a transition only when exactly one matches', async () => {
    fixture.site.seed.workflow.transitions.push({ id: '51', name: 'Resolve as Duplicate', from: ['To Do'], to: 'Done' });
    // "Resolve Issue" is for the assignee only: Dana is DEMO-4's assignee here, so both transitions are hers to take.
    fixture.site.issue('DEMO-4')!.assignee = DANA;
    await push([
      { sha: sha(8), message: 'DEMO-4 #resolve', author: dana, timestamp: '2026-11-19T10:00:00Z' },
      { sha: sha(9), message: 'DEMO-2 #resolve-as this duplicates DEMO-4', author: dana, timestamp: '2026-11-19T10:00:00Z' },
    ]);
    expect(fixture.site.issue('DEMO-4')!.status).toBe('To Do');
    expect(fixture.site.issue('DEMO-2')!.status).toBe('Done');
    expect((await results())[0]!.results).toEqual([
      { issueKey: 'DEMO-4', command: '#resolve', status: 'failed', message: '"resolve" matches "Resolve Issue", "Resolve as Duplicate" on DEMO-4; use more of the name.' },
    ]);
  });

  it('leaves old commits alone, and repositories with smart commits off', async () => {
    await push([{ sha: sha(5), message: 'DEMO-3 #comment from last year', author: dana, timestamp: '2025-11-01T10:00:00Z' }]);
    await fixture.ports.database.db.updateTable('repository').set({ smart_commits: 0 }).execute();
    fixture.ports.clock = { now: () => NOW + 60_000 };
    await push([{ sha: sha(6), message: 'DEMO-3 #comment switched off', author: dana, timestamp: '2026-11-19T10:00:00Z' }]);
    expect(fixture.site.issue('DEMO-3')!.comments).toHaveLength(0);
    expect(await results()).toEqual([]);
  });

  it('resumes a run that was cut off after its claim, from the hourly trigger', async () => {
    const handlers = composeApp(fixture.ports).webtriggers;
    await handlers.githubWebhook(
      githubRequest(
        account.id,
        account.webhookSecret,
        'push',
        githubPush('main', [{ sha: sha(10), message: 'DEMO-3 #comment resumed', author: dana, timestamp: '2026-11-19T10:00:00Z' }]),
      ),
    );
    queued.length = 0;
    // The process died right after claiming the commit.
    await fixture.ports.database.db.updateTable('smart_commit').set({ status: 'processing' }).execute();
    fixture.ports.clock = { now: () => NOW + 60 * 60 * 1000 };
    const consumer = composeApp(fixture.ports).jobs;
    await consumer.reconcile();
    while (queued.length > 0) await consumer.runBackfillJob(queued.shift()!.body);
    expect(fixture.site.issue('DEMO-3')!.comments).toHaveLength(1);
    expect((await results())[0]).toMatchObject({ status: 'done' });
  });

  it('retries when Jira is unavailable, without repeating what already happened', async () => {
    const jira = fixture.ports.jira;
    let failures = 0;
    // Jira falls over once, on the worklog, after the comment has been added.
    const flaky = (client: JiraClient): JiraClient => ({
      requestJira: async (endpoint, init) => {
        if (endpoint.path.endsWith('/worklog') && failures === 0) {
          failures += 1;
          return jiraResponse(503, {});
        }
        return client.requestJira(endpoint, init);
      },
    });
    fixture.ports.jira = { asUser: (accountId) => flaky(jira.asUser(accountId)), asApp: () => flaky(jira.asApp()) };
    const handlers = composeApp(fixture.ports).webtriggers;
    await handlers.githubWebhook(
      githubRequest(
        account.id,
        account.webhookSecret,
        'push',
        githubPush('main', [{ sha: sha(7), message: 'DEMO-1 #comment once #time 2h', author: dana, timestamp: '2026-11-19T10:00:00Z' }]),
      ),
    );
    const consumer = composeApp(fixture.ports).jobs;
    await consumer.runBackfillJob(queued.shift()!.body);
    expect(queued).toEqual([{ body: { kind: 'smart-commits', repositoryId: expect.any(String), shas: [sha(7)], hops: 1 }, delayInSeconds: 60 }]);
    await consumer.runBackfillJob(queued.shift()!.body);
    const demo1 = fixture.site.issue('DEMO-1')!;
    expect([demo1.comments.length, demo1.worklogs.length]).toEqual([1, 1]);
    expect((await results())[0]).toMatchObject({ status: 'done', results: [{ status: 'done' }, { status: 'done' }] });
  });

  it('holds the workflow’s conditions for the committer: only the assignee may resolve', async () => {
    // DEMO-2 has no assignee: "Resolve Issue" is not Dana's to take, whatever the app itself may do.
    await push([{ sha: sha(11), message: 'DEMO-2 #resolve-issue done', author: dana, timestamp: '2026-11-19T10:00:00Z' }]);
    expect(fixture.site.issue('DEMO-2')!.status).toBe('To Do');
    expect((await results())[0]!.results).toEqual([
      { issueKey: 'DEMO-2', command: '#resolve-issue', status: 'failed', message: 'DEMO-2 has no transition named "resolve issue" from its current status.' },
    ]);
    // Assigned to Dana, the same command moves it, as her.
    fixture.site.issue('DEMO-2')!.assignee = DANA;
    await push([{ sha: sha(12), message: 'DEMO-2 #resolve-issue done now', author: dana, timestamp: '2026-11-19T10:00:00Z' }]);
    expect(fixture.site.issue('DEMO-2')!.status).toBe('Done');
  });

  it('where the app cannot act as the committer, takes no transition that has conditions, and says why', async () => {
    fixture.ports.config.impersonation = false;
    fixture.site.issue('DEMO-2')!.assignee = DANA;
    await push([{ sha: sha(13), message: 'DEMO-2 #resolve-issue #comment done', author: dana, timestamp: '2026-11-19T10:00:00Z' }]);
    expect(fixture.site.issue('DEMO-2')!.status).toBe('To Do');
    const [commit] = await results();
    expect(commit!.results).toEqual([
      {
        issueKey: 'DEMO-2',
        command: '#resolve-issue',
        status: 'failed',
        message: expect.stringContaining('has conditions Jira checks for each person, and the app cannot act as Dana Developer'),
      },
      expect.objectContaining({ command: '#comment', status: 'done', message: 'Done on behalf of Dana Developer.' }),
    ]);
    // A transition without conditions is still taken.
    await push([{ sha: sha(14), message: 'DEMO-2 #start-progress', author: dana, timestamp: '2026-11-19T10:00:00Z' }]);
    expect(fixture.site.issue('DEMO-2')!.status).toBe('In Progress');
  });

  it('runs only commits their author pushed (the account option, on by default), and records why not', async () => {
    // Victor pushes a commit that claims to be Dana's: the host knows the author email as Dana's account,
    // but Victor signed in to push.
    const forged = githubPush('main', [{ sha: sha(15), message: 'DEMO-2 #comment approved by Dana', author: { ...dana, username: 'dana-gh' }, timestamp: '2026-11-19T10:00:00Z' }]);
    forged.pusher = { name: 'victor-gh', email: 'victor@example.com' };
    // An author email the host knows no account for: nobody can be said to have pushed their own commit.
    const unknown = githubPush('main', [{ sha: sha(16), message: 'DEMO-2 #comment from nowhere', author: { ...dana, username: null }, timestamp: '2026-11-19T10:00:00Z' }]);
    for (const payload of [forged, unknown]) {
      expect((await composeApp(fixture.ports).webtriggers.githubWebhook(githubRequest(account.id, account.webhookSecret, 'push', payload))).statusCode).toBe(200);
    }
    const consumer = composeApp(fixture.ports).jobs;
    while (queued.length > 0) await consumer.runBackfillJob(queued.shift()!.body);
    expect(fixture.site.issue('DEMO-2')!.comments).toHaveLength(0);
    const outcome = new Map((await results()).map((row) => [row.sha, row]));
    expect(outcome.get(sha(15))).toEqual({
      sha: sha(15),
      status: 'done',
      results: [expect.objectContaining({ status: 'failed', message: expect.stringContaining('Pushed by victor-gh, not by the commit’s author (dana-gh)') })],
    });
    expect(outcome.get(sha(16))).toEqual({
      sha: sha(16),
      status: 'done',
      results: [expect.objectContaining({ status: 'failed', message: expect.stringContaining('does not know the commit’s author email as an account') })],
    });
    // With the option off, the email match alone decides (as Atlassian's smart commits do).
    await updateAccount(fixture.ports, account.id, { settings: { smartCommitsOnlyWhenAuthorPushes: false } });
    const later = githubPush('main', [{ sha: sha(17), message: 'DEMO-2 #comment pushed for Dana', author: { ...dana, username: 'dana-gh' }, timestamp: '2026-11-19T10:00:00Z' }]);
    later.pusher = { name: 'victor-gh', email: 'victor@example.com' };
    await composeApp(fixture.ports).webtriggers.githubWebhook(githubRequest(account.id, account.webhookSecret, 'push', later));
    while (queued.length > 0) await consumer.runBackfillJob(queued.shift()!.body);
    expect(fixture.site.issue('DEMO-2')!.comments).toHaveLength(1);
  });
});
