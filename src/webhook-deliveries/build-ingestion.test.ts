import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { githubPush } from '../../sandbox/demo/github-payloads';
import { bitbucketSampleRepositories, GITHUB_EXAMPLE, linkRepositories } from '../../test/support/linked-repositories';
import { sandboxFixture } from '../../test/support/sandbox-fixture';
import { readSharedFixture } from '../../test/support/shared-fixtures';
import { bitbucketCommitStatus } from '../../test/support/bitbucket-commit-status';
import { bitbucketRequest, githubRequest } from '../../test/support/webhook-requests';
import { createAccount } from '../account-admin/create-account';
import { composeApp } from '../app/compose-app';

type Examples = Array<{ name: string; examples: Array<Record<string, any>> }>;
const examples = createRequire(resolve('package.json'))('@octokit/webhooks-examples/api.github.com/index.json') as Examples;
const exampleOf = (name: string, index = 0) => structuredClone(examples.find((entry) => entry.name === name)!.examples[index]!);
type Fixture = Awaited<ReturnType<typeof sandboxFixture>>;

/** GitHub's own status and deployment examples are on Codertocat/Hello-World, on these commits. */
const STATUS_SHA = '6113728f27ae82c7b1a177c8d03f9e96e0adf246';
const DEPLOYED_SHA = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';

describe('build and deployment webhooks, through the real webtriggers', () => {
  let fixture: Fixture;
  let handlers: ReturnType<typeof composeApp>['webtriggers'];
  let github: { id: string; webhookSecret: string };

  beforeEach(async () => {
    fixture = await sandboxFixture();
    handlers = composeApp(fixture.ports).webtriggers;
    github = await createAccount(fixture.ports, { provider: 'github', hostUrl: 'https://github.com', name: 'Codertocat', authMethod: 'oauth' });
    await linkRepositories(fixture.ports, github.id, [GITHUB_EXAMPLE]);
  });
  afterEach(() => fixture.close());

  const db = () => fixture.ports.database.db;
  const send = (event: string, payload: unknown, id?: string) => handlers.githubWebhook(githubRequest(github.id, github.webhookSecret, event, payload, id));

  it('stores GitHub’s status and deployment examples on the issue their commit names, and a late status never regresses them', async () => {
    await send(
      'push',
      githubPush('master', [
        { sha: STATUS_SHA, message: 'DEMO-1 Initial commit', timestamp: '2019-05-15T15:19:25Z' },
        { sha: DEPLOYED_SHA, message: 'DEMO-2 Update README', timestamp: '2019-05-15T15:20:25Z' },
      ]),
    );
    const status = await send('status', exampleOf('status'));
    expect(status.statusCode).toBe(200);
    expect(JSON.parse(status.body).message).toContain('read 1 build(s) and 0 deployment(s)');
    expect((await send('deployment', exampleOf('deployment'))).statusCode).toBe(200);
    expect((await send('deployment_status', exampleOf('deployment_status'))).statusCode).toBe(200);
    // The deployment's creation again, late: it stays successful.
    expect((await send('deployment', exampleOf('deployment'), 'late')).statusCode).toBe(200);

    expect(await db().selectFrom('dev_build').select(['build_key', 'state', 'commit_sha', 'branch']).execute()).toEqual([
      { build_key: `status/${STATUS_SHA}/default`, state: 'successful', commit_sha: STATUS_SHA, branch: 'master' },
    ]);
    expect(await db().selectFrom('dev_deployment').select(['deployment_id', 'state', 'environment_type']).execute()).toEqual([
      { deployment_id: '145988746', state: 'successful', environment_type: 'production' },
    ]);
    const links = await db().selectFrom('issue_link').select(['issue_key', 'item_kind']).where('item_kind', 'in', ['build', 'deployment']).orderBy('item_kind').execute();
    // The status's branch (master) names no issue; its commit names DEMO-1. The deployed commit names DEMO-2.
    expect(links).toEqual([
      { issue_key: 'DEMO-1', item_kind: 'build' },
      { issue_key: 'DEMO-2', item_kind: 'deployment' },
    ]);
  });

  it('keeps nothing for a build on a commit no issue names', async () => {
    const response = await send('check_suite', exampleOf('check_suite'));
    expect(response.statusCode).toBe(200);
    expect(await db().selectFrom('dev_build').selectAll().execute()).toEqual([]);
  });

  it('refuses a malformed check_run with 400 and stores nothing', async () => {
    const payload = exampleOf('check_run');
    delete payload.check_run.head_sha;
    const response = await send('check_run', payload);
    expect(response.statusCode).toBe(400);
    expect(await db().selectFrom('dev_build').selectAll().execute()).toEqual([]);
  });
});

describe('Bitbucket commit statuses, through the real webtrigger', () => {
  it('stores a documented commit status on a commit a push named an issue in', async () => {
    const fixture = await sandboxFixture();
    try {
      const handlers = composeApp(fixture.ports).webtriggers;
      const bitbucket = await createAccount(fixture.ports, { provider: 'bitbucket-cloud', hostUrl: 'https://bitbucket.org', name: 'cloudbeers', authMethod: 'oauth' });
      await linkRepositories(fixture.ports, bitbucket.id, bitbucketSampleRepositories());
      const push = JSON.parse(readSharedFixture('bitbucket', 'push_createPayload.json'));
      const commit = push.push.changes[0].commits[0];
      commit.message = `DEMO-1 ${commit.message}`;
      expect((await handlers.bitbucketWebhook(bitbucketRequest(bitbucket.id, bitbucket.webhookSecret, 'repo:push', JSON.stringify(push)))).statusCode).toBe(200);
      const status = bitbucketCommitStatus('FAILED', { sha: commit.hash, refname: 'master' });
      const response = await handlers.bitbucketWebhook(bitbucketRequest(bitbucket.id, bitbucket.webhookSecret, 'repo:commit_status_created', JSON.stringify(status)));
      expect(response.statusCode).toBe(200);
      expect(await fixture.ports.database.db.selectFrom('dev_build').select(['state', 'commit_sha']).execute()).toEqual([{ state: 'failed', commit_sha: commit.hash }]);
    } finally {
      await fixture.close();
    }
  });
});
