import { startGitHostStub, type GitHostStub } from '../../../sandbox/provider-stub/git-host-stub';
import { bitbucketHeaders } from '../../../sandbox/demo/signed-delivery';
import { readSharedFixture } from '../../../test/support/shared-fixtures';
import { sandboxFixture } from '../../../test/support/sandbox-fixture';
import { commonsLangHistory, syncFixture } from '../../../test/support/sync-fixture';
import { listRemoteRepositories, setRepositoryLinks } from '../../account-admin/link-repositories';
import { useAccessToken } from '../../account-admin/authorise-account';
import { createAccount } from '../../account-admin/create-account';
import { regenerateWebhookSecret } from '../../account-admin/rotate-webhook-secret';
import { composeApp } from '../../app/compose-app';
import { runFetchPush, type FetchPushJob } from '../../host-sync/fetch-push';
import { extractIssueKeys } from '../../issue-keys/extract-issue-keys';
import { ProjectKeyDirectory } from '../../issue-keys/project-key-directory';
import type { WebtriggerRequest } from '../../webtrigger-endpoints/webtrigger-http';

const history = commonsLangHistory(1000);
const body = (response: { body: string }) => JSON.parse(response.body) as { ok: boolean; message: string };

/** A Bitbucket Data Center project end to end against the simulator: link, webhook, signed push, backfill. */
describe('a Bitbucket Data Center account', () => {
  let stub: GitHostStub;
  beforeAll(async () => {
    stub = await startGitHostStub({ history });
  });
  afterAll(() => stub.close());

  it('links a project’s repository with its webhook, and completes a signed push through the API', async () => {
    const fixture = await sandboxFixture({ providerHosts: stub.hosts, allowPrivateHosts: true });
    try {
      fixture.site.seed.projects.push({ id: '10002', key: 'LANG', name: 'Commons Lang', permissionScheme: 'Default software scheme', lead: fixture.site.seed.projects[0]!.lead });
      const queued: Array<{ body: Record<string, unknown> }> = [];
      fixture.ports.queue.push = async (jobs) => {
        queued.push(...(jobs as typeof queued));
      };
      const account = await createAccount(fixture.ports, { provider: 'bitbucket-data-center', hostUrl: stub.bitbucketDcServerUrl, name: 'ACME', authMethod: 'oauth' });
      expect(await useAccessToken(fixture.ports, account.id, stub.tokens.bitbucketDc)).toEqual({ identity: 'ACME' });
      const listed = await listRemoteRepositories(fixture.ports, account.id, null);
      expect(listed.repositories).toEqual([
        { providerRepoId: '301', fullName: 'ACME/commons-lang', url: `${stub.bitbucketDcServerUrl}/projects/ACME/repos/commons-lang`, linked: false, webhook: null },
        { providerRepoId: '302', fullName: 'ACME/service', url: `${stub.bitbucketDcServerUrl}/projects/ACME/repos/service`, linked: false, webhook: null },
      ]);
      const [lang] = listed.repositories;
      expect(await setRepositoryLinks(fixture.ports, account.id, [{ ...lang!, linked: true }])).toEqual([{ fullName: 'ACME/commons-lang', linked: true, webhook: 'created' }]);
      const hook = stub.webhooks.find((candidate) => candidate.host === 'bitbucket-data-center')!;
      expect(hook).toMatchObject({ repository: 'ACME/commons-lang', secret: account.webhookSecret, events: expect.arrayContaining(['repo:refs_changed', 'pr:merged']) });

      // The real push sample, moved to this repository and to 25 commits of the history.
      const push = JSON.parse(readSharedFixture('bitbucket-server', 'pushPayload.json')) as Record<string, any>;
      push.repository = {
        ...push.repository,
        id: 301,
        slug: 'commons-lang',
        project: { ...push.repository.project, key: 'ACME' },
        links: { self: [{ href: `${lang!.url}/browse` }] },
      };
      push.changes[0] = { ...push.changes[0], fromHash: history[25]!.sha, toHash: history[0]!.sha };
      push.commits = [];
      const text = JSON.stringify(push);
      const request = (secret: string): WebtriggerRequest => ({
        method: 'POST',
        path: '/',
        headers: Object.fromEntries(Object.entries(bitbucketHeaders(secret, 'repo:refs_changed', text)).map(([name, value]) => [name, [value]])),
        queryParameters: { account: [account.id] },
        body: text,
      });
      const handlers = composeApp(fixture.ports).webtriggers;
      expect((await handlers.bitbucketDcWebhook(request('not-the-secret'))).statusCode).toBe(401);
      const answer = await handlers.bitbucketDcWebhook(request(account.webhookSecret));
      expect([answer.statusCode, body(answer).message]).toEqual([200, expect.stringMatching(/the rest of the pushed commits are being fetched/)]);
      const job = queued.find((entry) => entry.body.kind === 'fetch-push')!.body as unknown as FetchPushJob;
      stub.requests.length = 0;
      const keys = new ProjectKeyDirectory(() => fixture.ports.jira.asApp(), fixture.ports.clock);
      expect(await runFetchPush(fixture.ports, keys, job)).toEqual({ status: 'done' });
      expect(stub.requests).toEqual(['GET /rest/api/1.0/projects/ACME/repos/commons-lang/commits']);
      const stored = (await fixture.ports.database.db.selectFrom('dev_commit').select('sha').execute()).map((row) => row.sha).sort();
      expect(stored).toEqual(
        history
          .slice(0, 25)
          .filter((commit) => /\b(LANG|DEMO|OPS)-\d+/.test(commit.message))
          .map((commit) => commit.sha)
          .sort(),
      );

      const rotation = await regenerateWebhookSecret(fixture.ports, account.id);
      expect(rotation.updated).toEqual(['ACME/commons-lang']);
      expect(hook.secret).toBe(rotation.webhookSecret);
      expect(await setRepositoryLinks(fixture.ports, account.id, [{ ...lang!, linked: false }])).toEqual([{ fullName: 'ACME/commons-lang', linked: false, webhook: 'removed' }]);
      expect(stub.webhooks.some((candidate) => candidate.host === 'bitbucket-data-center')).toBe(false);
    } finally {
      await fixture.close();
    }
  });

  it('backfills the Commons Lang history within 1.05 × ceil(commits / 100) commit-list requests', async () => {
    const sync = await syncFixture(stub);
    try {
      const repositoryId = await sync.linkRepository(
        { provider: 'bitbucket-data-center', hostUrl: stub.bitbucketDcServerUrl, name: 'ACME', authMethod: 'oauth' },
        stub.tokens.bitbucketDc,
        { providerRepoId: '301', fullName: 'ACME/commons-lang', url: `${stub.bitbucketDcServerUrl}/projects/ACME/repos/commons-lang`, linked: true },
      );
      const outcomes = await sync.drain(1000, repositoryId);
      expect(outcomes.at(-1)).toEqual({ status: 'done' });
      expect(outcomes.filter((step) => step.status === 'continue').length).toBeGreaterThan(1);
      const truth = history
        .filter((commit) => extractIssueKeys(commit.message, new Set(['LANG', 'DEMO', 'OPS'])).length > 0)
        .map((commit) => commit.sha)
        .sort();
      const stored = await sync.fixture.ports.database.db.selectFrom('dev_commit').select('sha').where('repository_id', '=', repositoryId).orderBy('sha').execute();
      expect(stored.map((row) => row.sha)).toEqual(truth);
      // One commit-list request per 100 commits (`start`/`limit` pages).
      const commitRequests = stub.requests.filter((request) => request === 'GET /rest/api/1.0/projects/ACME/repos/commons-lang/commits').length;
      expect(commitRequests).toBe(Math.ceil(history.length / 100));
      expect(commitRequests).toBeLessThanOrEqual(Math.ceil(1.05 * Math.ceil(history.length / 100)));
    } finally {
      await sync.fixture.close();
    }
  });
});
