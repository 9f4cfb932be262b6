import { bitbucketSampleRepositories, GITHUB_EXAMPLE, linkRepositories } from '../../test/support/linked-repositories';
import type { KyselyPlugin } from 'kysely';
import { readSharedFixture } from '../../test/support/shared-fixtures';
import { githubBranchEvent, githubPullRequest as githubPull, githubPush } from '../../sandbox/demo/github-payloads';
import { sandboxFixture } from '../../test/support/sandbox-fixture';
import { bitbucketRequest, githubRequest } from '../../test/support/webhook-requests';
import { startGitHostStub } from '../../sandbox/provider-stub/git-host-stub';
import { useAccessToken } from '../account-admin/authorise-account';
import { createAccount } from '../account-admin/create-account';
import { countingDatabase } from '../../test/support/query-counter';
import { composeApp } from '../app/compose-app';

type Fixture = Awaited<ReturnType<typeof sandboxFixture>>;
const sha = (n: number) => n.toString(16).padStart(40, 'a');
const body = (response: { body: string }) => JSON.parse(response.body) as { ok: boolean; message: string };

describe('webhook ingestion', () => {
  let fixture: Fixture;
  let handlers: ReturnType<typeof composeApp>['webtriggers'];
  let github: { id: string; webhookSecret: string };
  let bitbucket: { id: string; webhookSecret: string };

  beforeEach(async () => {
    fixture = await sandboxFixture();
    handlers = composeApp(fixture.ports).webtriggers;
    github = await createAccount(fixture.ports, { provider: 'github', hostUrl: 'https://github.com', name: 'Codertocat', authMethod: 'oauth' });
    bitbucket = await createAccount(fixture.ports, { provider: 'bitbucket-cloud', hostUrl: 'https://bitbucket.org', name: 'cloudbeers', authMethod: 'oauth' });
    await linkRepositories(fixture.ports, github.id, [GITHUB_EXAMPLE]);
    await linkRepositories(fixture.ports, bitbucket.id, bitbucketSampleRepositories());
  });
  afterEach(() => fixture.close());

  const db = () => fixture.ports.database.db;
  const count = async (table: 'dev_commit' | 'issue_link' | 'dev_branch' | 'dev_pull_request') =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('stores the commits of a signed push that mention existing issues, and nothing else', async () => {
    const push = githubPush('main', [
      { sha: sha(1), message: 'DEMO-1 Add the login button', timestamp: '2026-11-01T10:00:00Z' },
      { sha: sha(2), message: 'Fix UTF-8 handling for DEMO-2 and OPS-2', timestamp: '2026-11-01T11:00:00Z' },
      { sha: sha(3), message: 'Bump commons-lang-3.20.0', timestamp: '2026-11-01T12:00:00Z' },
    ]);
    const response = await handlers.githubWebhook(githubRequest(github.id, github.webhookSecret, 'push', push));
    expect(response.statusCode).toBe(200);
    expect(body(response)).toEqual({ ok: true, message: 'Stored 2 commit(s), 0 branch(es) and 0 pull request(s) for 3 issue(s).' });
    const links = await db().selectFrom('issue_link').select(['issue_key', 'item_key']).orderBy('issue_key').execute();
    expect(links).toEqual([
      { issue_key: 'DEMO-1', item_key: sha(1) },
      { issue_key: 'DEMO-2', item_key: sha(2) },
      { issue_key: 'OPS-2', item_key: sha(2) },
    ]);
  });

  it('stores nothing twice when the same delivery, or the same commits, arrive again', async () => {
    const push = githubPush('main', [{ sha: sha(1), message: 'DEMO-1 once', timestamp: '2026-11-01T10:00:00Z' }]);
    await handlers.githubWebhook(githubRequest(github.id, github.webhookSecret, 'push', push, 'delivery-1'));
    await handlers.githubWebhook(githubRequest(github.id, github.webhookSecret, 'push', push, 'delivery-1'));
    await handlers.githubWebhook(githubRequest(github.id, github.webhookSecret, 'push', push, 'delivery-2'));
    expect([await count('dev_commit'), await count('issue_link')]).toEqual([1, 1]);
    expect(await db().selectFrom('delivery').select(['delivery_id', 'attempts']).orderBy('delivery_id').execute()).toEqual([
      { delivery_id: 'github:delivery-1', attempts: 2 },
      { delivery_id: 'github:delivery-2', attempts: 1 },
    ]);
  });

  it('rejects a missing or wrong signature, an unknown account and a forged account, storing nothing', async () => {
    const push = githubPush('main', [{ sha: sha(1), message: 'DEMO-1 x', timestamp: '2026-11-01T10:00:00Z' }]);
    const unsigned = githubRequest(github.id, github.webhookSecret, 'push', push);
    delete unsigned.headers['x-hub-signature-256'];
    const answers = [
      await handlers.githubWebhook(unsigned),
      await handlers.githubWebhook(githubRequest(github.id, 'wrong secret', 'push', push)),
      await handlers.githubWebhook(githubRequest(undefined, github.webhookSecret, 'push', push)),
      await handlers.githubWebhook(githubRequest('acc_nobody', github.webhookSecret, 'push', push)),
      // Bitbucket's secret does not open GitHub's account.
      await handlers.githubWebhook(githubRequest(github.id, bitbucket.webhookSecret, 'push', push)),
    ];
    expect(answers.map((answer) => answer.statusCode)).toEqual([401, 401, 401, 401, 401]);
    for (const answer of answers) {
      expect(body(answer).ok).toBe(false);
      expect(answer.body).not.toContain(github.webhookSecret);
    }
    expect(await count('dev_commit')).toBe(0);
  });

  it('answers 413 to an oversized body, 400 to bad JSON or a malformed event, 202 to events it does not use', async () => {
    const huge = githubRequest(github.id, github.webhookSecret, 'push', `"${'x'.repeat(25 * 1024 * 1024)}"`);
    expect((await handlers.githubWebhook(huge)).statusCode).toBe(413);
    const badJson = await handlers.githubWebhook(githubRequest(github.id, github.webhookSecret, 'push', '{"ref": '));
    expect([badJson.statusCode, body(badJson).message]).toEqual([400, 'The body is not valid JSON. Set the webhook content type to application/json.']);
    const malformed = await handlers.githubWebhook(githubRequest(github.id, github.webhookSecret, 'push', { ref: 'refs/heads/main', commits: 'no' }));
    expect(malformed.statusCode).toBe(400);
    expect(body(malformed).message).toMatch(/^The payload is not a valid GitHub push event at /);
    const unknown = await handlers.githubWebhook(githubRequest(github.id, github.webhookSecret, 'star', { action: 'created' }));
    expect([unknown.statusCode, body(unknown).ok]).toEqual([202, true]);
    const get = await handlers.githubWebhook({ ...githubRequest(github.id, github.webhookSecret, 'push', {}), method: 'GET' });
    expect(get.statusCode).toBe(405);
    expect(await count('dev_commit')).toBe(0);
  });

  it('never moves a merged pull request back to open when an older event arrives late', async () => {
    const merged = githubPull({ number: 5, title: 'DEMO-1 Login', head: 'feature', state: 'closed', merged: true, updatedAt: '2026-11-02T10:00:00Z' });
    const olderOpen = githubPull({ number: 5, title: 'DEMO-1 Login (draft)', head: 'feature', state: 'open', updatedAt: '2026-11-01T10:00:00Z' });
    const laterReopenAttempt = githubPull({ number: 5, title: 'DEMO-1 Login', head: 'feature', state: 'open', updatedAt: '2026-11-03T10:00:00Z' });
    for (const payload of [merged, olderOpen, laterReopenAttempt]) {
      expect((await handlers.githubWebhook(githubRequest(github.id, github.webhookSecret, 'pull_request', payload))).statusCode).toBe(200);
    }
    expect(await db().selectFrom('dev_pull_request').select(['state', 'title', 'updated_at']).execute()).toEqual([
      { state: 'MERGED', title: 'DEMO-1 Login', updated_at: Date.parse('2026-11-03T10:00:00Z') },
    ]);
  });

  it('applies a newer pull request event but ignores an older one that arrives after it', async () => {
    const newer = githubPull({ number: 6, title: 'DEMO-2 Final title', head: 'f', state: 'closed', updatedAt: '2026-11-02T10:00:00Z' });
    const older = githubPull({ number: 6, title: 'DEMO-2 First title', head: 'f', state: 'open', updatedAt: '2026-11-01T10:00:00Z' });
    await handlers.githubWebhook(githubRequest(github.id, github.webhookSecret, 'pull_request', newer));
    await handlers.githubWebhook(githubRequest(github.id, github.webhookSecret, 'pull_request', older));
    expect(await db().selectFrom('dev_pull_request').select(['state', 'title']).execute()).toEqual([{ state: 'DECLINED', title: 'DEMO-2 Final title' }]);
  });

  it('removes a deleted branch from the issue but keeps the commits that were delivered', async () => {
    await handlers.githubWebhook(githubRequest(github.id, github.webhookSecret, 'create', githubBranchEvent('create', 'DEMO-1-login')));
    await handlers.githubWebhook(
      githubRequest(github.id, github.webhookSecret, 'push', githubPush('DEMO-1-login', [{ sha: sha(9), message: 'DEMO-1 wip', timestamp: '2026-11-01T10:00:00Z' }])),
    );
    expect(await db().selectFrom('issue_link').select('item_kind').orderBy('item_kind').execute()).toEqual([{ item_kind: 'branch' }, { item_kind: 'commit' }]);
    await handlers.githubWebhook(githubRequest(github.id, github.webhookSecret, 'delete', githubBranchEvent('delete', 'DEMO-1-login')));
    expect(await db().selectFrom('issue_link').select('item_kind').execute()).toEqual([{ item_kind: 'commit' }]);
    expect(await db().selectFrom('dev_branch').select(['deleted', 'head_sha']).execute()).toEqual([{ deleted: 1, head_sha: sha(9) }]);
  });

  it('stores a warm push of 100 commits in four statements: commits, links, issues to refresh in Jira, delivery log', async () => {
    const counter = countingDatabase(fixture.ports.database);
    const counted = composeApp({ ...fixture.ports, database: counter.database }).webtriggers;
    const commits = (from: number) =>
      Array.from({ length: 100 }, (_, index) => ({ sha: sha(from + index), message: `DEMO-${(index % 4) + 1} change ${index}`, timestamp: '2026-11-01T10:00:00Z' }));
    await counted.githubWebhook(githubRequest(github.id, github.webhookSecret, 'push', githubPush('main', commits(1000))));
    counter.reset();
    const answer = await counted.githubWebhook(githubRequest(github.id, github.webhookSecret, 'push', githubPush('main', commits(2000))));
    expect(body(answer).message).toMatch(/^Stored 100 commit/);
    expect(counter.count()).toBe(4);
  });

  it('queues the rest of a push whose payload was truncated', async () => {
    const pushed: Array<{ body: Record<string, unknown> }> = [];
    fixture.ports.queue.push = async (jobs) => void pushed.push(...jobs);
    const push = githubPush('main', [{ sha: sha(1), message: 'DEMO-1 x', timestamp: '2026-11-01T10:00:00Z' }], { before: sha(0), size: 3000 });
    const answer = await handlers.githubWebhook(githubRequest(github.id, github.webhookSecret, 'push', push));
    expect(body(answer).message).toMatch(/the rest of the pushed commits are being fetched/);
    expect(pushed.filter((job) => job.body.kind !== 'jira-sync')).toEqual([
      { body: expect.objectContaining({ kind: 'fetch-push', branch: 'main', before: sha(0), headSha: sha(1) }) },
    ]);
  });

  it('stores nothing from a repository the Git host does not confirm as the account’s, and reads nothing from it', async () => {
    const stub = await startGitHostStub();
    const local = await sandboxFixture({ providerHosts: stub.hosts, allowPrivateHosts: true });
    try {
      const octo = await createAccount(local.ports, { provider: 'github', hostUrl: 'https://github.com', name: 'octo', authMethod: 'access-token' });
      await useAccessToken(local.ports, octo.id, stub.tokens.github);
      const hooks = composeApp(local.ports).webtriggers;
      /** A truncated push (it would make the app read the rest from the host) naming a repository by id and name. */
      const delivery = (id: number, fullName: string) => {
        const push = githubPush('main', [{ sha: sha(1), message: 'DEMO-1 x', timestamp: '2026-11-01T10:00:00Z' }], { before: sha(0), size: 3000 });
        push.repository = {
          ...push.repository,
          id,
          full_name: fullName,
          html_url: `https://github.com/${fullName}`,
          owner: { ...push.repository.owner, login: fullName.split('/')[0] ?? '' },
        };
        return githubRequest(octo.id, octo.webhookSecret, 'push', push);
      };
      stub.requests.length = 0;
      // Signed with octo's secret, but another organisation's repository: the host has no octo/… with that id.
      const foreign = await hooks.githubWebhook(delivery(999, 'other-org/private-repo'));
      expect([foreign.statusCode, body(foreign).message]).toEqual([202, expect.stringMatching(/is not a repository of octo, so nothing was stored/)]);
      // A repository of octo, but the delivery gives another repository's id: not confirmed either.
      expect((await hooks.githubWebhook(delivery(998, 'octo/repo-001'))).statusCode).toBe(202);
      expect(await local.ports.database.db.selectFrom('repository').select('full_name').execute()).toEqual([]);
      expect(await local.ports.database.db.selectFrom('dev_commit').select('sha').execute()).toEqual([]);
      // Only the ownership questions reached the host: no compare, no commit read.
      expect(stub.requests).toEqual(['GET /api/v3/repos/other-org/private-repo', 'GET /api/v3/repos/octo/repo-001']);
      // Asked again within a few minutes, the verdict is remembered: no request.
      await hooks.githubWebhook(delivery(999, 'other-org/private-repo'));
      expect(stub.requests).toHaveLength(2);
      // The account's own repository, by its id, is linked as the host names it.
      const own = await hooks.githubWebhook(delivery(5000, 'octo/repo-001'));
      expect(own.statusCode).toBe(200);
      expect(await local.ports.database.db.selectFrom('repository').select(['full_name', 'provider_repo_id', 'linked']).execute()).toEqual([
        { full_name: 'octo/repo-001', provider_repo_id: '5000', linked: 1 },
      ]);
    } finally {
      await local.close();
      await stub.close();
    }
  });

  it('ignores repositories an admin unlinked', async () => {
    const push = githubPush('main', [{ sha: sha(1), message: 'DEMO-1 x', timestamp: '2026-11-01T10:00:00Z' }]);
    await handlers.githubWebhook(githubRequest(github.id, github.webhookSecret, 'push', push));
    await db().updateTable('repository').set({ linked: 0 }).execute();
    const fresh = composeApp(fixture.ports).webtriggers;
    const answer = await fresh.githubWebhook(
      githubRequest(github.id, github.webhookSecret, 'push', githubPush('main', [{ sha: sha(2), message: 'DEMO-2 y', timestamp: '2026-11-01T10:00:00Z' }])),
    );
    expect([answer.statusCode, body(answer).message]).toEqual([202, expect.stringMatching(/is not linked in Jira/)]);
    expect(await count('dev_commit')).toBe(1);
  });

  it('stores Bitbucket pushes and pull requests signed with X-Hub-Signature', async () => {
    const push = readSharedFixture('bitbucket', 'push_multipleChangesPayload.json').replace(/"message": "typo\\n"/g, '"message": "DEMO-1 typo\\n"');
    expect(push).toContain('DEMO-1 typo');
    const answer = await handlers.bitbucketWebhook(bitbucketRequest(bitbucket.id, bitbucket.webhookSecret, 'repo:push', push));
    expect([answer.statusCode, body(answer).message]).toEqual([200, expect.stringMatching(/^Stored 1 commit\(s\)/)]);
    const pull = JSON.parse(readSharedFixture('bitbucket', 'pr_fulfilledPayload.json'));
    pull.pullrequest.title = `OPS-1 ${pull.pullrequest.title}`;
    expect((await handlers.bitbucketWebhook(bitbucketRequest(bitbucket.id, bitbucket.webhookSecret, 'pullrequest:fulfilled', JSON.stringify(pull)))).statusCode).toBe(200);
    expect(await db().selectFrom('dev_pull_request').select(['state', 'number']).execute()).toEqual([{ state: 'MERGED', number: pull.pullrequest.id }]);
    const wrong = await handlers.bitbucketWebhook(bitbucketRequest(bitbucket.id, github.webhookSecret, 'repo:push', push));
    expect(wrong.statusCode).toBe(401);
  });

  it('answers 500 with a retry hint, and no detail, when the store fails', async () => {
    // The store fails the way SQLite does when a table is missing (DDL is not the app's to run here).
    const failing: KyselyPlugin = {
      transformQuery: (args) => {
        if (JSON.stringify(args.node).includes('"issue_link"')) throw new Error('SQLITE_ERROR: no such table: issue_link');
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    fixture.ports.database = { ...fixture.ports.database, db: fixture.ports.database.db.withPlugin(failing) };
    const push = githubPush('main', [{ sha: sha(1), message: 'DEMO-1 x', timestamp: '2026-11-01T10:00:00Z' }]);
    const answer = await handlers.githubWebhook(githubRequest(github.id, github.webhookSecret, 'push', push));
    expect(answer.statusCode).toBe(500);
    expect(body(answer).message).toMatch(/redeliver it/);
    expect(answer.body).not.toMatch(/issue_link|SQLITE/i);
    expect(fixture.log.lines.some((line) => line.includes('webtrigger failed'))).toBe(true);
  });
});
