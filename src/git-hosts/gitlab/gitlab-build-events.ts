import { safeHttpUrl } from '../../urls/http-url';
import { cutText, environmentTypeOf, inJiraTerms, MAX_BUILD_NAME, type BuildState, type DeploymentState, type EnvironmentType } from '../build-event';
import type { NormalisedDelivery } from '../dev-event';
import { parsePayload, PayloadError } from '../payload-error';
import { gitlabDeploymentSchema, gitlabPipelineSchema } from './gitlab-build-event-schemas';
import { gitlabRepositoryRef } from './gitlab-repository-ref';

/** The `X-Gitlab-Event` values of the build and deployment events the app reads. */
export const GITLAB_BUILD_EVENTS = ['Pipeline Hook', 'Deployment Hook'];

const SHA = /^[0-9a-f]{40,64}$/i;

/**
 * A pipeline's status (docs.gitlab.com "Pipelines API": created, waiting_for_resource, preparing, pending,
 * running, success, failed, canceling, canceled, skipped, manual, scheduled) in Jira's terms. `manual` waits
 * for a person to start a job, `scheduled` for its time: both pending. `skipped` says nothing about the change.
 */
const PIPELINE_STATES: Record<string, BuildState> = {
  created: 'pending',
  waiting_for_resource: 'pending',
  preparing: 'pending',
  pending: 'pending',
  manual: 'pending',
  scheduled: 'pending',
  running: 'in_progress',
  canceling: 'in_progress',
  success: 'successful',
  failed: 'failed',
  canceled: 'cancelled',
};
export const gitlabPipelineState = (status: string) => inJiraTerms(PIPELINE_STATES, status);

/** A deployment's status (created, running, success, failed, canceled; `blocked` awaits an approval). */
const DEPLOYMENT_STATES: Record<string, DeploymentState> = {
  created: 'pending',
  blocked: 'pending',
  running: 'in_progress',
  success: 'successful',
  failed: 'failed',
  canceled: 'cancelled',
};

const TIERS: ReadonlySet<string> = new Set<EnvironmentType>(['production', 'staging', 'testing', 'development']);

/** GitLab's own environment tier where it names one of Jira's types; otherwise the name, read as the other hosts read it. */
function environmentType(name: string, tier: string | null | undefined): EnvironmentType {
  return tier && TIERS.has(tier) ? (tier as EnvironmentType) : environmentTypeOf(name);
}

/** A ref that is a branch's name: not a tag, nor a ref GitLab makes for a merge request (`refs/merge-requests/1/head`). */
const branchOf = (ref: string, tag: boolean | null | undefined) => (tag || ref.startsWith('refs/') || ref.length > MAX_BUILD_NAME ? '' : ref);

/** Turns one GitLab pipeline or deployment delivery into events; null for any other event. */
export function normaliseGitlabBuildDelivery(event: string, payload: unknown): NormalisedDelivery | null {
  switch (event) {
    case 'Pipeline Hook': {
      const delivery = parsePayload(gitlabPipelineSchema, payload, 'GitLab pipeline event');
      const pipeline = delivery.object_attributes;
      if (!SHA.test(pipeline.sha)) throw new PayloadError('The payload is not a valid GitLab pipeline event: its sha is not a commit.');
      const repository = gitlabRepositoryRef(delivery.project);
      const number = pipeline.iid ?? pipeline.id;
      return {
        events: [
          {
            kind: 'build',
            repository,
            build: {
              // A pipeline is one run, updated in place as its status changes (a retry keeps its id).
              buildKey: `pipeline/${pipeline.id}`,
              // GitLab has no pipeline definition: runs of one source on one ref are what follow each other.
              pipelineKey: cutText(`pipeline/${pipeline.source ?? 'push'}/${pipeline.ref}`, MAX_BUILD_NAME),
              buildNumber: number,
              name: cutText(pipeline.name?.trim() || 'Pipeline', MAX_BUILD_NAME),
              state: gitlabPipelineState(pipeline.status),
              commitSha: pipeline.sha,
              branch: branchOf(pipeline.ref, pipeline.tag),
              pullRequestNumbers: delivery.merge_request ? [delivery.merge_request.iid] : [],
              url: safeHttpUrl(pipeline.url) ?? safeHttpUrl(`${repository.url}/-/pipelines/${pipeline.id}`) ?? '',
              updatedAt: pipeline.finished_at ?? pipeline.created_at ?? 0,
            },
          },
        ],
      };
    }
    case 'Deployment Hook': {
      const delivery = parsePayload(gitlabDeploymentSchema, payload, 'GitLab deployment event');
      const sha = delivery.commit_url.split(/[/?#]/).filter(Boolean).pop() ?? '';
      if (!SHA.test(sha)) throw new PayloadError('The payload is not a valid GitLab deployment event: its commit_url names no commit.');
      const repository = gitlabRepositoryRef(delivery.project);
      const environmentName = cutText(delivery.environment.trim() || 'unknown', MAX_BUILD_NAME);
      return {
        events: [
          {
            kind: 'deployment',
            repository,
            deployment: {
              deploymentId: String(delivery.deployment_id),
              sequenceNumber: delivery.deployment_id,
              pipelineName: 'deploy',
              environmentName,
              environmentType: environmentType(environmentName, delivery.environment_tier),
              state: inJiraTerms(DEPLOYMENT_STATES, delivery.status),
              commitSha: sha,
              // The payload does not name the branch or tag deployed.
              ref: '',
              url: safeHttpUrl(delivery.deployable_url) ?? safeHttpUrl(delivery.environment_external_url) ?? safeHttpUrl(`${repository.url}/-/environments`) ?? '',
              description: cutText(delivery.commit_title ?? '', MAX_BUILD_NAME),
              updatedAt: delivery.status_changed_at ?? 0,
            },
          },
        ],
      };
    }
    default:
      return null;
  }
}
