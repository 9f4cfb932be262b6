import { GITHUB_EXAMPLE, linkRepositories } from '../../test/support/linked-repositories';
import { githubBranchEvent, githubPullRequest, githubPush } from '../../sandbox/demo/github-payloads';
import { sandboxFixture, USERS } from '../../test/support/sandbox-fixture';
import { jiraResponse } from '../../test/support/jira-response';
import { githubRequest } from '../../test/support/webhook-requests';
import { createAccount } from '../account-admin/create-account';
import { runInvocation } from '../local/invocation-scope';
import { route, type JiraClient, type JiraRequestInit, type JiraResponse } from '../ports/jira';
import type { QueuedJob } from '../ports/queue';
import { failedEntities } from './devinfo-payload';
import { runJiraCopy } from './jira-copy-job';
import { SUMMARY_PROPERTY_KEY } from './push-issue-summaries';
import { composeApp } from '../app/compose-app';

describe('copying development data to Jira', () => {
  let fixture: Awaited<ReturnType<typeof sandboxFixture>>;
  let queued: QueuedJob[];
  let now: number;
  /** Every request the app made to Jira as itself, and a switch to make Jira fail or answer otherwise. */
  let appRequests: Array<{ path: string; method: string; body: unknown }>;
  let failWith: ((path: string, init?: JiraRequestInit) => number | JiraResponse | undefined) | undefined;

  beforeEach(async () => {
    now = Date.parse('2026-11-20T10:00:00Z');
    fixture = await sandboxFixture({ now: () => now });
    queued = [];
    fixture.ports.queue.push = async (jobs) => void queued.push(...jobs);
    appRequests = [];
    failWith = undefined;
    const jira = fixture.ports.jira;
    fixture.ports.jira = {
      asUser: () => jira.asUser(),
      asApp: (): JiraClient => ({
        requestJira: async (endpoint, init) => {
          appRequests.push({ path: endpoint.path, method: init?.method ?? 'GET', body: init?.body });
          const answer = failWith?.(endpoint.path, init);
          if (typeof answer === 'number') return jiraResponse(answer, { errorMessages: ['Jira is having a moment.'] });
          if (answer) return answer;
          return jira.asApp().requestJira(endpoint, init);
        },
      }),
    };
  });
  afterEach(() => fixture.close());

  const account = async (settings: Record<string, boolean> = {}) => {
    const created = await createAccount(fixture.ports, { provider: 'github', hostUrl: 'https://github.com', name: 'Codertocat', authMethod: 'oauth', settings });
    await linkRepositories(fixture.ports, created.id, [GITHUB_EXAMPLE]);
    return created;
  };
  const deliver = (created: { id: string; webhookSecret: string }, event: string, payload: unknown) =>
    composeApp(fixture.ports).webtriggers.githubWebhook(githubRequest(created.id, created.webhookSecret, event, payload));
  const push = (created: { id: string; webhookSecret: string }, n: number, message: string, branch = 'main') =>
    deliver(created, 'push', githubPush(branch, [{ sha: n.toString(16).padStart(40, 'c'), message, timestamp: new Date(now).toISOString() }]));
  const property = (issueKey: string) => fixture.site.issue(issueKey)?.properties.get(SUMMARY_PROPERTY_KEY) as Record<string, unknown> | undefined;
  const jql = async (query: string, accountId: string = USERS.developer) => {
    const response = await runInvocation({ accountId }, () => fixture.ports.jira.asUser().requestJira(route`/rest/api/3/search/jql?jql=${query}`));
    expect(response.status).toBe(200);
    return ((await response.json()) as { issues: Array<{ key: string }> }).issues.map((issue) => issue.key);
  };
  const bulkWrites = () => appRequests.filter((request) => request.method === 'POST' && request.path === '/rest/api/3/issue/properties/multi');
  /** Bulk property writes that carried this issue. */
  const propertyWrites = (issueKey: string) => {
    const id = Number(fixture.site.issue(issueKey)!.id);
    return bulkWrites().filter((request) => (request.body as { issues: Array<{ issueID: number }> }).issues.some((issue) => issue.issueID === id)).length;
  };
  const call = async (name: string, payload: unknown): Promise<any> =>
    runInvocation({ accountId: USERS.admin }, () =>
      (composeApp(fixture.ports).resolvers as Record<string, (request: unknown) => Promise<unknown>>)[name]!({
        payload,
        context: { accountId: USERS.admin, extension: { type: 'jira:adminPage' } },
      }),
    );
  const drainQueue = async () => {
    const consumer = composeApp(fixture.ports).jobs;
    // Jira sync runs are driven by each test itself; on a stopped clock they would requeue forever.
    for (let job = queued.shift(); job; job = queued.shift()) if (job.body.kind !== 'jira-sync') await consumer.runBackfillJob(job.body);
  };

  describe('the dvcs-link.summary issue property', () => {
    it('holds the counts, is searchable with JQL by path and by alias, and follows deletions', async () => {
      const created = await account();
      await push(created, 1, 'DEMO-1 Add the queue metrics', 'DEMO-1-metrics');
      await deliver(
        created,
        'pull_request',
        githubPullRequest({ number: 7, title: 'DEMO-1 Queue metrics', head: 'DEMO-1-metrics', state: 'open', updatedAt: new Date(now).toISOString() }),
      );
      expect(queued.some((job) => job.body.kind === 'jira-sync')).toBe(true);

      const run = await runJiraCopy(fixture.ports);
      expect(run.summaries).toMatchObject({ pushed: 1, failed: 0, more: false });
      expect(property('DEMO-1')).toEqual({
        commits: 1,
        branches: 1,
        pullRequests: 1,
        openPullRequests: 1,
        lastUpdated: new Date(now).toISOString(),
        failingBuilds: 0,
        deployedTo: null,
      });
      expect(property('DEMO-2')).toBeUndefined();

      expect(await jql('issue.property[dvcs-link.summary].openPullRequests > 0')).toEqual(['DEMO-1']);
      expect(await jql('dvcsOpenPullRequests > 0 AND project = DEMO')).toEqual(['DEMO-1']);
      expect(await jql('dvcsCommits >= 1 AND project = OPS')).toEqual([]);
      // JQL only finds what the searcher may browse, as in Jira.
      expect(await jql('dvcsCommits >= 1', USERS.opsOnly)).toEqual([]);

      // Any REST client can read it.
      const read = await runInvocation({ accountId: USERS.developer }, () =>
        fixture.ports.jira.asUser().requestJira(route`/rest/api/3/issue/DEMO-1/properties/${SUMMARY_PROPERTY_KEY}`),
      );
      expect(((await read.json()) as { value: unknown }).value).toEqual(property('DEMO-1'));

      now += 61_000;
      await deliver(created, 'delete', githubBranchEvent('delete', 'DEMO-1-metrics'));
      await runJiraCopy(fixture.ports);
      expect(property('DEMO-1')).toMatchObject({ commits: 1, branches: 0 });
    });

    it('writes each issue at most once a minute however many pushes mention it, and catches up after', async () => {
      const created = await account();
      const start = now;
      for (let n = 1; n <= 60; n += 1) {
        await push(created, n, `DEMO-2 Step ${n}`);
        await runJiraCopy(fixture.ports);
        now += 5_000;
      }
      // 60 pushes over five minutes: one write in each minute.
      expect((now - start) / 60_000).toBe(5);
      expect(propertyWrites('DEMO-2')).toBe(5);
      await push(created, 61, 'DEMO-2 Step 61');
      expect((await runJiraCopy(fixture.ports)).summaries.pushed).toBe(1);
      // A change right after a write waits out the minute; the run says when to come back (first to check
      // the bulk write's task, then for the change).
      await push(created, 62, 'DEMO-2 Step 62');
      const last = await runJiraCopy(fixture.ports);
      expect(last.summaries).toMatchObject({ pushed: 0, waitSeconds: 5 });
      expect(last.next).toEqual({ body: { kind: 'jira-sync' }, delayInSeconds: 5 });
      now += 5_000;
      expect((await runJiraCopy(fixture.ports)).summaries).toMatchObject({ pushed: 0, waitSeconds: 55 });
      now += 55_000;
      await runJiraCopy(fixture.ports);
      expect(property('DEMO-2')).toMatchObject({ commits: 62 });
    });

    it('sends many issues in bulk, 100 a request, looks their ids up once, and retries what Jira could not take', async () => {
      for (let n = 100; n < 250; n += 1) fixture.site.issues.set(`DEMO-${n}`, { ...fixture.site.issue('DEMO-1')!, id: String(30000 + n), key: `DEMO-${n}`, properties: new Map() });
      const created = await account();
      const keys = Array.from({ length: 150 }, (_, i) => `DEMO-${100 + i}`);
      // DEMO-9999 is a key of an existing project, but no such issue exists. (A commit names at most 100.)
      await push(created, 1, `${keys.slice(0, 75).join(' ')} Rename the metric`);
      await push(created, 2, `${keys.slice(75).join(' ')} DEMO-9999 Rename the metric`);
      failWith = (path) => (path === '/rest/api/3/issue/properties/multi' && bulkWrites().length === 2 ? 503 : undefined);

      const first = await runJiraCopy(fixture.ports);
      expect(first.summaries).toMatchObject({ pushed: 100, failed: 0, retryAfterSeconds: 60 });
      expect(first.next).toEqual({ body: { kind: 'jira-sync' }, delayInSeconds: 60 });
      // One search for the ids, asked again without the key Jira said does not exist.
      expect(appRequests.filter((request) => request.path === '/rest/api/3/search/jql').map((request) => (request.body as { jql: string }).jql.split(',').length)).toEqual([
        151, 150,
      ]);
      expect(await fixture.ports.database.db.selectFrom('issue_summary').select('issue_key').where('issue_key', '=', 'DEMO-9999').execute()).toEqual([]);
      expect(keys.filter((key) => property(key)).length).toBe(100);

      failWith = undefined;
      now += 60_000;
      const second = await runJiraCopy(fixture.ports);
      expect(second.summaries).toMatchObject({ pushed: 50, failed: 0, more: false });
      expect(keys.every((key) => property(key)?.commits === 1)).toBe(true);
      // Ids are kept: the retry asked Jira for none, and each bulk write's task was checked.
      expect(appRequests.filter((request) => request.path === '/rest/api/3/search/jql')).toHaveLength(2);
      now += 5_000;
      await runJiraCopy(fixture.ports);
      expect(appRequests.filter((request) => request.path.startsWith('/rest/api/3/task/'))).toHaveLength(2);
      expect(await fixture.ports.database.db.selectFrom('jira_task').selectAll().execute()).toEqual([]);
    });

    it('sends again the issues of a bulk write whose task reports failures', async () => {
      const created = await account();
      await push(created, 1, 'DEMO-1 DEMO-2 Rename the metric');
      expect((await runJiraCopy(fixture.ports)).summaries.pushed).toBe(2);
      fixture.site.issue('DEMO-1')!.properties.clear();
      fixture.site.issue('DEMO-2')!.properties.clear();
      failWith = (path) =>
        path.startsWith('/rest/api/3/task/')
          ? jiraResponse(200, {
              self: 'https://x/rest/api/3/task/1',
              id: '1',
              status: 'COMPLETE',
              result: { errors: ['Issue 10001 could not be updated.'] },
              submittedBy: 0,
              progress: 100,
              elapsedRuntime: 1,
              submitted: 1,
              lastUpdate: 1,
            })
          : undefined;
      now += 5_000;
      await runJiraCopy(fixture.ports);
      failWith = undefined;
      now += 60_000;
      expect((await runJiraCopy(fixture.ports)).summaries.pushed).toBe(2);
      expect(property('DEMO-1')).toMatchObject({ commits: 1 });
      expect(property('DEMO-2')).toMatchObject({ commits: 1 });
    });
  });

  describe("mirroring to Jira's development information", () => {
    const stored = () => [...fixture.site.devinfo.values()][0];

    it('stays off unless the account asks for it', async () => {
      const created = await account();
      await push(created, 1, 'DEMO-1 Add the queue metrics');
      await runJiraCopy(fixture.ports);
      expect(fixture.site.devinfo.size).toBe(0);
      expect(appRequests.filter((request) => request.path.startsWith('/rest/devinfo'))).toEqual([]);
    });

    it('sends commits, branches and pull requests in the documented shape, mirrors deletes and scope changes', async () => {
      const created = await account({ mirrorDevelopmentInfo: true });
      await push(created, 1, 'DEMO-1 OPS-1 Add the queue metrics', 'DEMO-1-metrics');
      await deliver(
        created,
        'pull_request',
        githubPullRequest({ number: 7, title: 'DEMO-1 Queue metrics', head: 'DEMO-1-metrics', state: 'open', updatedAt: new Date(now).toISOString() }),
      );
      const run = await runJiraCopy(fixture.ports);
      expect(run.devinfo).toMatchObject({ sent: 3, failed: 0 });
      const repository = stored()!;
      expect(repository.repository.name).toBe('Codertocat/Hello-World');
      expect([...repository.commits.values()].map((commit) => commit.issueKeys)).toEqual([['DEMO-1', 'OPS-1']]);
      expect([...repository.branches.keys()]).toEqual(['DEMO-1-metrics']);
      expect([...repository.pullRequests.values()].map((pull) => [pull.id, pull.status])).toEqual([['7', 'OPEN']]);
      expect(await fixture.ports.database.db.selectFrom('devinfo_outbox').selectAll().execute()).toEqual([]);

      // A deleted branch is deleted in Jira too.
      await deliver(created, 'delete', githubBranchEvent('delete', 'DEMO-1-metrics'));
      expect((await runJiraCopy(fixture.ports)).devinfo.deleted).toBe(1);
      expect(stored()!.branches.size).toBe(0);

      // Limiting the repository to OPS re-sends the commit with OPS-1 only and removes the DEMO-only pull request.
      const repositoryId = (await fixture.ports.database.db.selectFrom('repository').select('id').executeTakeFirstOrThrow()).id;
      await call('setRepositoryProjects', { accountId: created.id, repositoryId, projectKeys: ['OPS'] });
      await drainQueue();
      await runJiraCopy(fixture.ports);
      expect([...stored()!.commits.values()].map((commit) => commit.issueKeys)).toEqual([['OPS-1']]);
      expect(stored()!.pullRequests.size).toBe(0);
    });

    it('retries failures with back-off, shows them on the admin page, and removes everything when switched off', async () => {
      const created = await account({ mirrorDevelopmentInfo: true });
      await push(created, 1, 'DEMO-1 Add the queue metrics');
      failWith = (path) => (path.startsWith('/rest/devinfo') ? 503 : undefined);
      expect((await runJiraCopy(fixture.ports)).devinfo).toMatchObject({ sent: 0, failed: 1 });
      const details = (await call('getAccount', { accountId: created.id })).data;
      expect(details.developmentInfo).toEqual({ toSend: 1, toRemove: 0, failing: 1, lastError: 'Jira was unavailable (HTTP 503); the app will try again.' });

      failWith = undefined;
      // Not retried before its back-off is over.
      expect((await runJiraCopy(fixture.ports)).devinfo.sent).toBe(0);
      now += 60_000;
      expect((await runJiraCopy(fixture.ports)).devinfo.sent).toBe(1);
      expect((await call('getAccount', { accountId: created.id })).data.developmentInfo).toEqual({ toSend: 0, toRemove: 0, failing: 0, lastError: null });

      expect(await call('updateAccount', { accountId: created.id, settings: { mirrorDevelopmentInfo: false } })).toMatchObject({ ok: true });
      // Switched off, nothing waits to be sent: only the removal of the repository from Jira.
      expect((await call('getAccount', { accountId: created.id })).data.developmentInfo).toMatchObject({ toSend: 0, toRemove: 1 });
      await runJiraCopy(fixture.ports);
      expect((await call('getAccount', { accountId: created.id })).data.developmentInfo).toMatchObject({ toSend: 0, toRemove: 0 });
      expect(fixture.site.devinfo.size).toBe(0);

      // Switched on again, everything stored is sent again.
      await call('updateAccount', { accountId: created.id, settings: { mirrorDevelopmentInfo: true } });
      await runJiraCopy(fixture.ports);
      expect(stored()!.commits.size).toBe(1);
    });

    it("reads Jira's per-entity refusals", () => {
      const refused = failedEntities({ failedDevinfoEntities: { repo_1: { commits: [{ id: 'abc', errorMessages: [{ message: 'url: Invalid url' }] }], branches: [] } } });
      expect([...refused]).toEqual([['commit\nabc', 'url: Invalid url']]);
      expect(failedEntities({ acceptedDevinfoEntities: {} }).size).toBe(0);
    });
  });
});
