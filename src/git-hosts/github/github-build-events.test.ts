import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { environmentTypeOf } from '../build-event';
import { PayloadError } from '../payload-error';
import { GITHUB_BUILD_EVENTS, githubCheckState, normaliseGithubBuildDelivery } from './github-build-events';

type Examples = Array<{ name: string; examples: Array<Record<string, any>> }>;
const requireFromRoot = createRequire(resolve('package.json'));
const sets: Array<[string, Examples]> = ['api.github.com', 'ghes-31', 'ghes-32', 'ghes-33', 'ghes-34', 'ghes-35'].map((set) => [
  set,
  requireFromRoot(`@octokit/webhooks-examples/${set}/index.json`) as Examples,
]);
const examplesOf = (examples: Examples, name: string) => examples.find((entry) => entry.name === name)?.examples ?? [];
const dotcom = sets[0]![1];
const repository = { providerRepoId: '186853002', fullName: 'Codertocat/Hello-World', url: 'https://github.com/Codertocat/Hello-World' };

describe('normaliseGithubBuildDelivery on GitHub’s own examples (@octokit/webhooks-examples)', () => {
  it.each(sets)('reads every build and deployment example of %s', (_set, examples) => {
    let seen = 0;
    for (const event of GITHUB_BUILD_EVENTS) {
      for (const payload of examplesOf(examples, event)) {
        const delivery = normaliseGithubBuildDelivery(event, payload)!;
        expect(delivery.events.length + (delivery.ignored ? 1 : 0)).toBe(1);
        seen += 1;
      }
    }
    expect(seen).toBeGreaterThan(5);
  });

  it('maps a completed check suite to a successful build on its branch and commit', () => {
    const payload = examplesOf(dotcom, 'check_suite').find((example) => example.action === 'completed' && example.check_suite.app.slug !== 'github-actions')!;
    expect(normaliseGithubBuildDelivery('check_suite', payload)).toEqual({
      events: [
        {
          kind: 'build',
          repository,
          build: {
            buildKey: `check_suite/${payload.check_suite.id}`,
            pipelineKey: 'check_suite/octocoders-linter',
            buildNumber: payload.check_suite.id,
            name: 'octocoders-linter',
            state: 'successful',
            commitSha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821',
            branch: 'changes',
            pullRequestNumbers: [2],
            url: 'https://github.com/Codertocat/Hello-World/commit/ec26c3e57ca3a959ca5aad62de7213c562f8c821/checks',
            updatedAt: Date.parse(payload.check_suite.updated_at),
          },
        },
      ],
    });
  });

  it('leaves GitHub Actions’ check suites to workflow_run', () => {
    const payload = examplesOf(dotcom, 'check_suite').find((example) => example.check_suite.app.slug === 'github-actions')!;
    expect(normaliseGithubBuildDelivery('check_suite', payload)).toEqual({ events: [], ignored: expect.stringContaining('workflow_run') });
  });

  it('maps check runs (queued, then successful), with the pull request they are for', () => {
    const runs = examplesOf(dotcom, 'check_run').filter((example) => example.check_run.name === 'Octocoders-linter' && example.check_run.app.slug !== 'github-actions');
    const states = runs.map((payload) => normaliseGithubBuildDelivery('check_run', payload)!.events[0]).map((event) => event?.kind === 'build' && event.build.state);
    expect(new Set(states)).toEqual(new Set(['pending', 'successful']));
    const payload = runs.find((example) => example.check_run.conclusion === 'success')!;
    expect(normaliseGithubBuildDelivery('check_run', payload)!.events[0]).toMatchObject({
      kind: 'build',
      build: { buildKey: `check_run/${payload.check_run.id}`, name: 'Octocoders-linter', branch: 'changes', pullRequestNumbers: [2], url: payload.check_run.html_url },
    });
  });

  it('maps a workflow run to its workflow, numbered by run', () => {
    const payload = examplesOf(dotcom, 'workflow_run')[0]!;
    const [event] = normaliseGithubBuildDelivery('workflow_run', payload)!.events;
    expect(event).toMatchObject({
      kind: 'build',
      build: {
        buildKey: 'workflow_run/1589141559',
        pipelineKey: `workflow/${payload.workflow_run.workflow_id}`,
        buildNumber: 36,
        name: 'Manually triggered workflow',
        state: githubCheckState(payload.workflow_run.status, payload.workflow_run.conclusion),
        commitSha: '5779607b49aab1200488439f02372c57b4f75444',
        branch: 'main',
        url: 'https://github.com/octo-org/octo-repo/actions/runs/1589141559',
      },
    });
  });

  it('maps a commit status to a build of its context on that commit, named by its first branch', () => {
    const payload = examplesOf(dotcom, 'status')[0]!;
    const [event] = normaliseGithubBuildDelivery('status', payload)!.events;
    expect(event).toMatchObject({
      kind: 'build',
      repository,
      build: {
        buildKey: `status/${payload.sha}/default`,
        name: 'default',
        state: 'successful',
        commitSha: payload.sha,
        branch: 'master',
        updatedAt: Date.parse(payload.updated_at),
      },
    });
  });

  it('maps a deployment to a pending one and its status to the state it reached, in Jira’s environment type', () => {
    const created = examplesOf(dotcom, 'deployment')[0]!;
    const status = examplesOf(dotcom, 'deployment_status')[0]!;
    const expected = {
      deploymentId: '145988746',
      sequenceNumber: 145988746,
      pipelineName: 'deploy',
      environmentName: 'production',
      environmentType: 'production',
      commitSha: created.deployment.sha,
      ref: 'master',
    };
    expect(normaliseGithubBuildDelivery('deployment', created)!.events).toEqual([
      { kind: 'deployment', repository, deployment: expect.objectContaining({ ...expected, state: 'pending', updatedAt: Date.parse(created.deployment.updated_at) }) },
    ]);
    expect(normaliseGithubBuildDelivery('deployment_status', status)!.events).toEqual([
      { kind: 'deployment', repository, deployment: expect.objectContaining({ ...expected, state: 'successful', updatedAt: Date.parse(status.deployment_status.updated_at) }) },
    ]);
  });

  it('ignores an inactive deployment status, which only says a later one replaced it', () => {
    const status = structuredClone(examplesOf(dotcom, 'deployment_status')[0]!);
    status.deployment_status.state = 'inactive';
    expect(normaliseGithubBuildDelivery('deployment_status', status)).toEqual({ events: [], ignored: expect.any(String) });
  });
});

describe('what an attacker controls in a GitHub build event is bounded', () => {
  it('cuts a huge status context, drops a javascript: target URL, keeps at most 10 pull requests and no overlong branch', () => {
    const payload = structuredClone(examplesOf(dotcom, 'status')[0]!);
    payload.context = 'x'.repeat(60_000);
    payload.target_url = 'javascript:alert(1)';
    payload.branches = [{ name: 'b'.repeat(300) }];
    const [event] = normaliseGithubBuildDelivery('status', payload)!.events;
    if (event?.kind !== 'build') throw new Error('expected a build');
    expect(event.build.buildKey.length).toBeLessThanOrEqual(255);
    expect(event.build.name.length).toBeLessThanOrEqual(255);
    expect(event.build.url).toBe(`https://github.com/Codertocat/Hello-World/commit/${payload.sha}/checks`);
    expect(event.build.branch).toBe('');

    const run = structuredClone(examplesOf(dotcom, 'workflow_run')[0]!);
    run.workflow_run.pull_requests = Array.from({ length: 500 }, (_, index) => ({ number: index + 1 }));
    const [runEvent] = normaliseGithubBuildDelivery('workflow_run', run)!.events;
    expect(runEvent?.kind === 'build' && runEvent.build.pullRequestNumbers).toHaveLength(10);
  });

  it('refuses a deployment with no commit with a PayloadError', () => {
    const created = structuredClone(examplesOf(dotcom, 'deployment')[0]!);
    delete created.deployment.sha;
    expect(() => normaliseGithubBuildDelivery('deployment', created)).toThrow(PayloadError);
  });

  it('says null for events it does not read', () => {
    expect(normaliseGithubBuildDelivery('push', {})).toBeNull();
  });
});

describe('environmentTypeOf follows Jira’s GitHub integration', () => {
  it.each([
    ['production', 'production'],
    ['PROD-east-2', 'production'],
    ['us-prod-east', 'production'],
    ['Produção', 'unmapped'],
    ['live', 'production'],
    ['staging', 'staging'],
    ['blue-kit-stage', 'staging'],
    ['qa:mary', 'testing'],
    ['uat', 'testing'],
    ['dev', 'development'],
    ['trunk', 'development'],
    ['review/app', 'unmapped'],
    ['something-else', 'unmapped'],
    ['products', 'unmapped'],
    ['', 'unmapped'],
  ])('%s is %s', (name, type) => {
    expect(environmentTypeOf(name)).toBe(type);
  });

  it('reads only the first 255 characters of a hostile name, in linear time', () => {
    expect(environmentTypeOf(`${'-'.repeat(1_000_000)}prod`)).toBe('unmapped');
    expect(environmentTypeOf(`${'a-'.repeat(100)}prod`)).toBe('production');
  });
});
