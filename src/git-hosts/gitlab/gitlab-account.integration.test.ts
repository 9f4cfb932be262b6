import { GITLAB_DOCUMENTED_MERGE_REQUEST, GITLAB_DOCUMENTED_PUSH } from '../../../sandbox/demo/gitlab-payloads';
import { linkRepositories } from '../../../test/support/linked-repositories';
import { gitlabHeaders } from '../../../sandbox/demo/signed-delivery';
import { startGitHostStub, type GitHostStub } from '../../../sandbox/provider-stub/git-host-stub';
import { sandboxFixture } from '../../../test/support/sandbox-fixture';
import { commonsLangHistory } from '../../../test/support/sync-fixture';
import { listRemoteRepositories, setRepositoryLinks } from '../../account-admin/link-repositories';
import { useAccessToken } from '../../account-admin/authorise-account';
import { createAccount } from '../../account-admin/create-account';
import { regenerateWebhookSecret } from '../../account-admin/rotate-webhook-secret';
import { startAuthorisation } from '../../account-admin/authorise-account';
import { accountSecretKeys, readCredentials } from '../../accounts/account-secrets';
import { handleOAuthCallback } from '../../webtrigger-endpoints/oauth-callback';
import { composeApp } from '../../app/compose-app';
import { runFetchPush, type FetchPushJob } from '../../host-sync/fetch-push';
import { ProjectKeyDirectory } from '../../issue-keys/project-key-directory';
import type { WebtriggerRequest } from '../../webtrigger-endpoints/webtrigger-http';

const history = commonsLangHistory(60);
const body = (response: { body: string }) => JSON.parse(response.body) as { ok: boolean; message: string };

/** A GitLab account end to end against the simulator: link, webhook, a truncated push completed through the API. */
describe('a GitLab account', () => {
  let stub: GitHostStub;
  let fixture: Awaited<ReturnType<typeof sandboxFixture>>;
  let queued: Array<{ body: Record<string, unknown> }>;
  beforeAll(async () => {
    stub = await startGitHostStub({ history });
  });
  afterAll(() => stub.close());
  beforeEach(async () => {
    fixture = await sandboxFixture({ providerHosts: stub.hosts, allowPrivateHosts: true });
    fixture.site.seed.projects.push({ id: '10002', key: 'LANG', name: 'Commons Lang', permissionScheme: 'Default software scheme', lead: fixture.site.seed.projects[0]!.lead });
    queued = [];
    fixture.ports.queue.push = async (jobs) => {
      queued.push(...(jobs as typeof queued));
    };
  });
  afterEach(() => fixture.close());

  const request = (accountId: string, token: string | undefined, event: string, payload: unknown): WebtriggerRequest => {
    const headers = gitlabHeaders(token ?? '', event);
    if (token === undefined) delete headers['x-gitlab-token'];
    return {
      method: 'POST',
      path: '/',
      headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])),
      queryParameters: { account: [accountId] },
      body: JSON.stringify(payload),
    };
  };

  it('lists the group’s projects with its subgroups’, adds and rotates the project hook, and completes a truncated push through the API', async () => {
    const account = await createAccount(fixture.ports, { provider: 'gitlab', hostUrl: stub.hosts.gitlab.web, name: 'acme', authMethod: 'oauth' });
    expect(await useAccessToken(fixture.ports, account.id, stub.tokens.gitlab)).toEqual({ identity: 'octo' });
    const listed = await listRemoteRepositories(fixture.ports, account.id, null);
    expect(listed.repositories.map((repository) => repository.fullName)).toEqual(['acme/service-1', 'acme/platform/api', 'acme/commons-lang']);

    const project = listed.repositories.find((repository) => repository.fullName === 'acme/commons-lang')!;
    expect(await setRepositoryLinks(fixture.ports, account.id, [{ ...project, linked: true }])).toEqual([{ fullName: 'acme/commons-lang', linked: true, webhook: 'created' }]);
    const hook = stub.webhooks.find((candidate) => candidate.host === 'gitlab')!;
    expect(hook).toMatchObject({
      repository: 'acme/commons-lang',
      secret: account.webhookSecret,
      events: ['push_events', 'tag_push_events', 'merge_requests_events', 'pipeline_events', 'deployment_events'],
    });
    expect(hook.url).toContain(`/x/gitlab-webhook?account=${account.id}`);

    const handlers = composeApp(fixture.ports).webtriggers;
    // GitLab's documented push, moved to this project: 2 of 25 pushed commits listed, as GitLab lists the newest 20 at most.
    const push = {
      ...structuredClone(GITLAB_DOCUMENTED_PUSH),
      project: { ...GITLAB_DOCUMENTED_PUSH.project, id: 9100, path_with_namespace: 'acme/commons-lang', web_url: `${stub.hosts.gitlab.web}/acme/commons-lang` },
      before: history[25]!.sha,
      after: history[0]!.sha,
      commits: [history[1]!, history[0]!].map((commit) => ({ ...GITLAB_DOCUMENTED_PUSH.commits[0]!, id: commit.sha, message: commit.message, timestamp: commit.author.date })),
      total_commits_count: 25,
    };
    expect((await handlers.gitlabWebhook(request(account.id, undefined, 'Push Hook', push))).statusCode).toBe(401);
    expect((await handlers.gitlabWebhook(request(account.id, `${account.webhookSecret}x`, 'Push Hook', push))).statusCode).toBe(401);
    const answer = await handlers.gitlabWebhook(request(account.id, account.webhookSecret, 'Push Hook', push));
    expect([answer.statusCode, body(answer).message]).toEqual([200, expect.stringMatching(/the rest of the pushed commits are being fetched/)]);
    const job = queued.find((entry) => entry.body.kind === 'fetch-push')!.body as unknown as FetchPushJob;
    expect(job).toMatchObject({ branch: 'master', before: history[25]!.sha, headSha: history[0]!.sha });

    stub.requests.length = 0;
    const keys = new ProjectKeyDirectory(() => fixture.ports.jira.asApp(), fixture.ports.clock);
    expect(await runFetchPush(fixture.ports, keys, job)).toEqual({ status: 'done' });
    // One page of `before..head` through the API: the 25 pushed commits.
    expect(stub.requests).toEqual(['GET /gitlab/api/v4/projects/9100/repository/commits']);
    const stored = await fixture.ports.database.db.selectFrom('dev_commit').select('sha').execute();
    const pushedWithKeys = history.slice(0, 25).filter((commit) => /\b(LANG|DEMO|OPS)-\d+/.test(commit.message));
    expect(stored.map((row) => row.sha).sort()).toEqual(pushedWithKeys.map((commit) => commit.sha).sort());

    const rotation = await regenerateWebhookSecret(fixture.ports, account.id);
    expect(rotation.updated).toEqual(['acme/commons-lang']);
    expect(hook.secret).toBe(rotation.webhookSecret);
    // Within the hour after a rotation the previous token is still accepted.
    expect((await handlers.gitlabWebhook(request(account.id, account.webhookSecret, 'Tag Push Hook', push))).statusCode).toBe(202);

    expect(await setRepositoryLinks(fixture.ports, account.id, [{ ...project, linked: false }])).toEqual([{ fullName: 'acme/commons-lang', linked: false, webhook: 'removed' }]);
    expect(stub.webhooks.some((candidate) => candidate.host === 'gitlab')).toBe(false);
  });

  it('keeps a merge request’s author when later events (which name only who acted) update it', async () => {
    const account = await createAccount(fixture.ports, { provider: 'gitlab', hostUrl: 'https://gitlab.com', name: 'gitlabhq', authMethod: 'oauth' });
    const { project } = GITLAB_DOCUMENTED_MERGE_REQUEST;
    await linkRepositories(fixture.ports, account.id, [{ providerRepoId: String(project.id), fullName: project.path_with_namespace, url: project.web_url }]);
    const handlers = composeApp(fixture.ports).webtriggers;
    const event = (action: string, state: string, updatedAt: string) => ({
      ...GITLAB_DOCUMENTED_MERGE_REQUEST,
      user: { ...GITLAB_DOCUMENTED_MERGE_REQUEST.user, name: action === 'open' ? 'Ann Author' : 'Rita Reviewer' },
      object_attributes: { ...GITLAB_DOCUMENTED_MERGE_REQUEST.object_attributes, title: 'DEMO-1 MS-Viewport', action, state, updated_at: updatedAt },
    });
    expect((await handlers.gitlabWebhook(request(account.id, account.webhookSecret, 'Merge Request Hook', event('open', 'opened', '2026-11-01T10:00:00Z')))).statusCode).toBe(200);
    expect((await handlers.gitlabWebhook(request(account.id, account.webhookSecret, 'Merge Request Hook', event('merge', 'merged', '2026-11-02T10:00:00Z')))).statusCode).toBe(200);
    expect(await fixture.ports.database.db.selectFrom('dev_pull_request').select(['state', 'author_name', 'title']).execute()).toEqual([
      { state: 'MERGED', author_name: 'Ann Author', title: 'DEMO-1 MS-Viewport' },
    ]);
  });

  it('authorises through a GitLab OAuth application: authorise, callback, a token that expires and is refreshed', async () => {
    const account = await createAccount(fixture.ports, {
      provider: 'gitlab',
      hostUrl: stub.gitlabServerUrl,
      name: 'acme',
      authMethod: 'oauth',
      oauthClientId: stub.oauthClient.clientId,
      oauthClientSecret: stub.oauthClient.clientSecret,
    });
    const { authoriseUrl } = await startAuthorisation(fixture.ports, account.id);
    expect(authoriseUrl.startsWith(`${stub.gitlabServerUrl}/oauth/authorize?`)).toBe(true);
    expect(new URL(authoriseUrl).searchParams.get('scope')).toBe('api');
    const back = new URL((await fetch(authoriseUrl, { redirect: 'manual' })).headers.get('location')!);
    const page = await handleOAuthCallback(fixture.ports, {
      method: 'GET',
      path: back.pathname,
      headers: {},
      queryParameters: Object.fromEntries([...back.searchParams.keys()].map((key) => [key, back.searchParams.getAll(key)])),
      body: '',
    });
    expect([page.statusCode, page.body]).toEqual([200, expect.stringContaining('GitLab account connected')]);
    const granted = await readCredentials(fixture.ports.secrets, account.id);
    expect(granted).toMatchObject({ accessToken: expect.stringMatching(/^glo_/), refreshToken: expect.stringMatching(/^glr_/), expiresAt: expect.any(Number) });
    // GitLab's tokens last two hours: one about to lapse is refreshed before it is used.
    await fixture.ports.secrets.set(accountSecretKeys(account.id).credentials, JSON.stringify({ ...granted, expiresAt: fixture.ports.clock.now() + 60_000 }));
    expect((await listRemoteRepositories(fixture.ports, account.id, null)).repositories).toHaveLength(3);
    expect((await readCredentials(fixture.ports.secrets, account.id))?.accessToken).not.toBe(granted?.accessToken);
  });

  it('links a self-managed server by its address, and refuses a token that cannot read the group', async () => {
    const account = await createAccount(fixture.ports, { provider: 'gitlab', hostUrl: stub.gitlabServerUrl, name: 'acme/platform', authMethod: 'oauth' });
    await useAccessToken(fixture.ports, account.id, stub.tokens.gitlab);
    const listed = await listRemoteRepositories(fixture.ports, account.id, null);
    expect(listed.repositories.map((repository) => [repository.fullName, repository.url])).toEqual([['acme/platform/api', `${stub.gitlabServerUrl}/acme/platform/api`]]);
    const other = await createAccount(fixture.ports, { provider: 'gitlab', hostUrl: stub.gitlabServerUrl, name: 'someone-else', authMethod: 'oauth' });
    await expect(useAccessToken(fixture.ports, other.id, stub.tokens.gitlab)).rejects.toThrow(/belongs to octo, who cannot read someone-else/);
  });
});
