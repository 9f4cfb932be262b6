import { gitlabDocumentedDeployment, gitlabDocumentedPipeline } from '../../../test/support/gitlab-build-payloads';
import { buildPrecedence, deploymentPrecedence, type BuildData, type DeploymentData } from '../build-event';
import { PayloadError } from '../payload-error';
import { GITLAB_BUILD_EVENTS, gitlabPipelineState, normaliseGitlabBuildDelivery } from './gitlab-build-events';
import { normaliseGitlabDelivery } from './gitlab-webhook-normaliser';

// GitLab's documented examples (test/support/gitlab-build-payloads.ts records the source).
const buildOf = (payload: unknown): BuildData => {
  const [event] = normaliseGitlabDelivery('Pipeline Hook', payload).events;
  if (event?.kind !== 'build') throw new Error('expected a build');
  return event.build;
};
const deploymentOf = (payload: unknown): DeploymentData => {
  const [event] = normaliseGitlabDelivery('Deployment Hook', payload).events;
  if (event?.kind !== 'deployment') throw new Error('expected a deployment');
  return event.deployment;
};
const pipelineWith = (attributes: Record<string, unknown>) => {
  const payload = gitlabDocumentedPipeline();
  Object.assign(payload.object_attributes, attributes);
  return payload;
};

describe('normaliseGitlabBuildDelivery on GitLab’s documented pipeline and deployment events', () => {
  it('reads the pipeline example as one build of its commit, branch and merge request', () => {
    expect(normaliseGitlabDelivery('Pipeline Hook', gitlabDocumentedPipeline())).toEqual({
      events: [
        {
          kind: 'build',
          repository: { providerRepoId: '1', fullName: 'gitlab-org/gitlab-test', url: 'http://192.168.64.1:3005/gitlab-org/gitlab-test' },
          build: {
            buildKey: 'pipeline/31',
            pipelineKey: 'pipeline/merge_request_event/master',
            buildNumber: 3,
            name: 'Pipeline for branch: master',
            state: 'successful',
            commitSha: 'bcbb5ec396a2c0f828686f14fac9b80b780504f2',
            branch: 'master',
            pullRequestNumbers: [1],
            url: 'http://example.com/gitlab-org/gitlab-test/-/pipelines/31',
            updatedAt: Date.parse('2016-08-12T15:26:29Z'),
          },
        },
      ],
    });
  });

  it.each([
    ['created', 'pending'],
    ['waiting_for_resource', 'pending'],
    ['preparing', 'pending'],
    ['pending', 'pending'],
    ['running', 'in_progress'],
    ['success', 'successful'],
    ['failed', 'failed'],
    ['canceled', 'cancelled'],
    ['skipped', 'unknown'],
    ['manual', 'pending'],
    ['scheduled', 'pending'],
    ['something_new', 'unknown'],
    // A payload's word that is a property of every object is still just an unknown state.
    ['constructor', 'unknown'],
    ['__proto__', 'unknown'],
  ])('reads pipeline status %s as %s', (status, expected) => {
    expect(gitlabPipelineState(status)).toBe(expected);
    expect(buildOf(pipelineWith({ status })).state).toBe(expected);
  });

  it('keeps a finished pipeline over a late running event of the same pipeline (the store keeps the highest precedence)', () => {
    const finished = buildOf(gitlabDocumentedPipeline());
    const running = buildOf(pipelineWith({ status: 'running', finished_at: null }));
    const pending = buildOf(pipelineWith({ status: 'pending', finished_at: null }));
    expect(running.buildKey).toBe(finished.buildKey);
    expect(buildPrecedence(finished)).toBeGreaterThan(buildPrecedence(running));
    expect(buildPrecedence(running)).toBeGreaterThan(buildPrecedence(pending));
  });

  it('names no branch for a tag or a merge request ref, and uses the pipeline number when the server sends no iid or name', () => {
    expect(buildOf(pipelineWith({ tag: true, ref: 'v1.0.0' })).branch).toBe('');
    expect(buildOf(pipelineWith({ ref: 'refs/merge-requests/1/head' })).branch).toBe('');
    const old = gitlabDocumentedPipeline();
    delete old.object_attributes.iid;
    delete old.object_attributes.name;
    delete old.object_attributes.url;
    old.merge_request = null;
    expect(buildOf(old)).toMatchObject({ buildNumber: 31, name: 'Pipeline', pullRequestNumbers: [], url: 'http://192.168.64.1:3005/gitlab-org/gitlab-test/-/pipelines/31' });
  });

  it('refuses a pipeline whose sha is not a commit, and one without its project', () => {
    expect(() => normaliseGitlabDelivery('Pipeline Hook', pipelineWith({ sha: 'not-a-sha' }))).toThrow(PayloadError);
    const noProject = gitlabDocumentedPipeline();
    delete noProject.project;
    expect(() => normaliseGitlabDelivery('Pipeline Hook', noProject)).toThrow(/project/);
    expect(() => normaliseGitlabDelivery('Pipeline Hook', pipelineWith({ url: 'javascript:alert(1)' }))).not.toThrow();
    expect(buildOf(pipelineWith({ url: 'javascript:alert(1)' })).url).toBe('http://192.168.64.1:3005/gitlab-org/gitlab-test/-/pipelines/31');
  });

  it('reads the deployment example: its commit from commit_url, its tier as the environment type, its job as the link', () => {
    expect(normaliseGitlabDelivery('Deployment Hook', gitlabDocumentedDeployment())).toEqual({
      events: [
        {
          kind: 'deployment',
          repository: { providerRepoId: '30', fullName: 'root/test-deployment-webhooks', url: 'http://10.126.0.2:3000/root/test-deployment-webhooks' },
          deployment: {
            deploymentId: '15',
            sequenceNumber: 15,
            pipelineName: 'deploy',
            environmentName: 'staging',
            environmentType: 'staging',
            state: 'successful',
            commitSha: '279484c09fbe69ededfced8c1bb6e6d24616b468',
            ref: '',
            url: 'http://10.126.0.2:3000/root/test-deployment-webhooks/-/jobs/796',
            description: 'Add new file',
            updatedAt: Date.parse('2021-04-28T19:50:00Z'),
          },
        },
      ],
    });
  });

  it.each([
    ['created', 'pending'],
    ['running', 'in_progress'],
    ['success', 'successful'],
    ['failed', 'failed'],
    ['canceled', 'cancelled'],
  ])('reads deployment status %s as %s', (status, expected) => {
    expect(deploymentOf({ ...gitlabDocumentedDeployment(), status }).state).toBe(expected);
  });

  it('maps an environment by its name where the tier is `other` or absent, and links the environment when no job ran it', () => {
    const byApi = { ...gitlabDocumentedDeployment(), environment: 'prod-eu', environment_tier: 'other', deployable_url: null };
    expect(deploymentOf(byApi)).toMatchObject({ environmentType: 'production', url: 'https://staging.example.com/' });
    const older = { ...gitlabDocumentedDeployment(), environment: 'qa', environment_tier: undefined };
    expect(deploymentOf(older).environmentType).toBe('testing');
  });

  it('keeps a finished deployment over its late `running` event', () => {
    const done = deploymentOf(gitlabDocumentedDeployment());
    const late = deploymentOf({ ...gitlabDocumentedDeployment(), status: 'running', status_changed_at: '2021-04-28 21:49:00 +0200' });
    expect(deploymentPrecedence(done)).toBeGreaterThan(deploymentPrecedence(late));
  });

  it('refuses a deployment whose commit_url names no commit', () => {
    expect(() => normaliseGitlabDelivery('Deployment Hook', { ...gitlabDocumentedDeployment(), commit_url: 'http://10.126.0.2:3000/root/x/-/commit/279484c0' })).toThrow(
      PayloadError,
    );
  });

  it('reads only its own events', () => {
    expect(GITLAB_BUILD_EVENTS).toEqual(['Pipeline Hook', 'Deployment Hook']);
    expect(normaliseGitlabBuildDelivery('Push Hook', {})).toBeNull();
  });
});
