import { GITLAB_DOCUMENTED_PUSH } from '../../../sandbox/demo/gitlab-payloads';
import { gitlabHeaders } from '../../../sandbox/demo/signed-delivery';
import { gitlabDocumentedDeployment, gitlabDocumentedPipeline } from '../../../test/support/gitlab-build-payloads';
import { linkRepositories } from '../../../test/support/linked-repositories';
import { sandboxFixture } from '../../../test/support/sandbox-fixture';
import { createAccount } from '../../account-admin/create-account';
import { composeApp } from '../../app/compose-app';
import type { WebtriggerRequest } from '../../webtrigger-endpoints/webtrigger-http';

type Fixture = Awaited<ReturnType<typeof sandboxFixture>>;

/** A push of one commit, in GitLab's documented push payload, to the project of `payload`. */
function pushTo(project: Record<string, unknown>, sha: string, message: string) {
  return {
    ...structuredClone(GITLAB_DOCUMENTED_PUSH),
    project: { ...GITLAB_DOCUMENTED_PUSH.project, ...project },
    before: '0'.repeat(39) + '1',
    after: sha,
    commits: [{ ...GITLAB_DOCUMENTED_PUSH.commits[0]!, id: sha, message }],
    total_commits_count: 1,
  };
}

/** GitLab's documented pipeline and deployment events through the real GitLab webtrigger. */
describe('GitLab pipeline and deployment webhooks, through the real webtrigger', () => {
  let fixture: Fixture;
  let handlers: ReturnType<typeof composeApp>['webtriggers'];
  let gitlab: { id: string; webhookSecret: string };

  beforeEach(async () => {
    fixture = await sandboxFixture();
    handlers = composeApp(fixture.ports).webtriggers;
    gitlab = await createAccount(fixture.ports, { provider: 'gitlab', hostUrl: 'https://gitlab.com', name: 'gitlab-org', authMethod: 'oauth' });
    const projects = [gitlabDocumentedPipeline().project, gitlabDocumentedDeployment().project] as Array<{ id: number; path_with_namespace: string; web_url: string }>;
    await linkRepositories(
      fixture.ports,
      gitlab.id,
      projects.map((project) => ({ providerRepoId: String(project.id), fullName: project.path_with_namespace, url: project.web_url })),
    );
  });
  afterEach(() => fixture.close());

  const db = () => fixture.ports.database.db;
  const send = async (event: string, payload: unknown) => {
    const request: WebtriggerRequest = {
      method: 'POST',
      path: '/',
      headers: Object.fromEntries(Object.entries(gitlabHeaders(gitlab.webhookSecret, event)).map(([name, value]) => [name, [value]])),
      queryParameters: { account: [gitlab.id] },
      body: JSON.stringify(payload),
    };
    const response = await handlers.gitlabWebhook(request);
    return { status: response.statusCode, message: (JSON.parse(response.body) as { message: string }).message };
  };

  it('stores the documented pipeline on the issue its commit names, and a late running event never regresses it', async () => {
    const pipeline = gitlabDocumentedPipeline();
    expect((await send('Push Hook', pushTo(pipeline.project, pipeline.object_attributes.sha, 'DEMO-1 test'))).status).toBe(200);
    expect(await send('Pipeline Hook', pipeline)).toEqual({ status: 200, message: expect.stringContaining('read 1 build(s) and 0 deployment(s)') });
    const late = gitlabDocumentedPipeline();
    Object.assign(late.object_attributes, { status: 'running', finished_at: null });
    expect((await send('Pipeline Hook', late)).status).toBe(200);

    expect(await db().selectFrom('dev_build').select(['build_key', 'state', 'commit_sha', 'branch']).execute()).toEqual([
      { build_key: 'pipeline/31', state: 'successful', commit_sha: pipeline.object_attributes.sha, branch: 'master' },
    ]);
    expect(await db().selectFrom('issue_link').select(['issue_key', 'item_kind']).where('item_kind', '=', 'build').execute()).toEqual([
      { issue_key: 'DEMO-1', item_kind: 'build' },
    ]);
  });

  it('stores the documented deployment to staging, and its late running event never regresses it', async () => {
    const deployment = gitlabDocumentedDeployment();
    expect((await send('Push Hook', pushTo(deployment.project, '279484c09fbe69ededfced8c1bb6e6d24616b468', 'DEMO-2 Add new file'))).status).toBe(200);
    expect(await send('Deployment Hook', deployment)).toEqual({ status: 200, message: expect.stringContaining('read 0 build(s) and 1 deployment(s)') });
    expect((await send('Deployment Hook', { ...deployment, status: 'running', status_changed_at: '2021-04-28 21:45:00 +0200' })).status).toBe(200);

    expect(await db().selectFrom('dev_deployment').select(['deployment_id', 'state', 'environment_type', 'commit_sha']).execute()).toEqual([
      { deployment_id: '15', state: 'successful', environment_type: 'staging', commit_sha: '279484c09fbe69ededfced8c1bb6e6d24616b468' },
    ]);
    expect(await db().selectFrom('issue_link').select('issue_key').where('item_kind', '=', 'deployment').execute()).toEqual([{ issue_key: 'DEMO-2' }]);
  });

  it('refuses a malformed pipeline event with 400 and stores nothing', async () => {
    const pipeline = gitlabDocumentedPipeline();
    delete pipeline.object_attributes.sha;
    expect((await send('Pipeline Hook', pipeline)).status).toBe(400);
    expect(await db().selectFrom('dev_build').selectAll().execute()).toEqual([]);
  });
});
