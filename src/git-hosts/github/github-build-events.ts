import { safeHttpUrl } from '../../urls/http-url';
import {
  commitStatusBuild,
  cutText,
  environmentTypeOf,
  MAX_BUILD_NAME,
  MAX_KEY_PART,
  MAX_PULL_REQUESTS_PER_BUILD,
  type BuildData,
  type BuildState,
  type DeploymentData,
  type DeploymentState,
} from '../build-event';
import type { NormalisedDelivery, RepositoryRef } from '../dev-event';
import { parsePayload } from '../payload-error';
import {
  githubCheckRunSchema,
  githubCheckSuiteSchema,
  githubDeploymentSchema,
  githubDeploymentStatusSchema,
  githubStatusSchema,
  githubWorkflowRunSchema,
} from './github-build-event-schemas';
import { githubRepositoryRef } from './github-repository-ref';

/** The build and deployment events the app subscribes a repository's webhook to, beside its commits and pull requests. */
export const GITHUB_BUILD_EVENTS = ['check_suite', 'check_run', 'workflow_run', 'status', 'deployment', 'deployment_status'];

/** GitHub Actions' checks are read from `workflow_run`, which names the workflow and numbers its runs. */
const ACTIONS_APP = 'github-actions';

/**
 * A check's or workflow run's state in Jira's terms. `action_required` waits for a person (pending);
 * `neutral`, `skipped` and `stale` say nothing about the change (unknown).
 */
export function githubCheckState(status: string | null | undefined, conclusion: string | null | undefined): BuildState {
  if (status !== 'completed') return status === 'in_progress' ? 'in_progress' : 'pending';
  switch (conclusion) {
    case 'success':
      return 'successful';
    case 'failure':
    case 'timed_out':
    case 'startup_failure':
      return 'failed';
    case 'cancelled':
      return 'cancelled';
    case 'action_required':
      return 'pending';
    default:
      return 'unknown';
  }
}

/** A commit status: `pending` is what CI services report while they run. */
function statusState(state: string): BuildState {
  if (state === 'success') return 'successful';
  if (state === 'failure' || state === 'error') return 'failed';
  return state === 'pending' ? 'in_progress' : 'unknown';
}

/**
 * A deployment status in Jira's terms, as Jira's GitHub integration maps it (`pending` shows as in progress:
 * GitHub goes from pending to success with nothing between). `inactive` is null: it says a later deployment
 * replaced this one, which leaves what this one reached as it was.
 */
function githubDeploymentState(state: string): DeploymentState | null {
  switch (state) {
    case 'queued':
      return 'pending';
    case 'pending':
    case 'in_progress':
      return 'in_progress';
    case 'success':
      return 'successful';
    case 'failure':
    case 'error':
      return 'failed';
    case 'inactive':
      return null;
    default:
      return 'unknown';
  }
}

const pullRequestNumbers = (pulls: Array<{ number: number }> | undefined) => [...new Set((pulls ?? []).map((pull) => pull.number))].slice(0, MAX_PULL_REQUESTS_PER_BUILD);
const branchName = (branch: string | null | undefined) => (branch && branch.length <= MAX_BUILD_NAME ? branch : '');
const checksUrl = (repository: RepositoryRef, sha: string) => safeHttpUrl(`${repository.url}/commit/${encodeURIComponent(sha)}/checks`) ?? '';
const name = (text: string | null | undefined, fallback: string) => cutText(text?.trim() || fallback, MAX_BUILD_NAME);

function build(repository: RepositoryRef, data: BuildData): NormalisedDelivery {
  return { events: [{ kind: 'build', repository, build: data }] };
}

function deployment(repository: RepositoryRef, data: DeploymentData): NormalisedDelivery {
  return { events: [{ kind: 'deployment', repository, deployment: data }] };
}

/** Turns one GitHub build or deployment delivery into events; null for any other event. */
export function normaliseGithubBuildDelivery(event: string, payload: unknown): NormalisedDelivery | null {
  switch (event) {
    case 'check_suite': {
      const { repository, check_suite: suite } = parsePayload(githubCheckSuiteSchema, payload, 'GitHub check_suite event');
      if (suite.app?.slug === ACTIONS_APP) return { events: [], ignored: 'GitHub Actions runs are read from workflow_run events.' };
      const ref = githubRepositoryRef(repository);
      const app = name(suite.app?.name ?? suite.app?.slug, 'Checks');
      return build(ref, {
        buildKey: `check_suite/${suite.id}`,
        pipelineKey: cutText(`check_suite/${suite.app?.slug ?? app}`, MAX_BUILD_NAME),
        buildNumber: suite.id,
        name: app,
        state: githubCheckState(suite.status, suite.conclusion),
        commitSha: suite.head_sha,
        branch: branchName(suite.head_branch),
        pullRequestNumbers: pullRequestNumbers(suite.pull_requests),
        url: checksUrl(ref, suite.head_sha),
        updatedAt: suite.updated_at ?? suite.created_at ?? 0,
      });
    }
    case 'check_run': {
      const { repository, check_run: run } = parsePayload(githubCheckRunSchema, payload, 'GitHub check_run event');
      if (run.app?.slug === ACTIONS_APP) return { events: [], ignored: 'GitHub Actions runs are read from workflow_run events.' };
      const ref = githubRepositoryRef(repository);
      return build(ref, {
        buildKey: `check_run/${run.id}`,
        pipelineKey: cutText(`check_run/${run.name}`, MAX_KEY_PART),
        buildNumber: run.id,
        name: name(run.name, 'Check'),
        state: githubCheckState(run.status, run.conclusion),
        commitSha: run.head_sha,
        branch: branchName(run.check_suite.head_branch),
        pullRequestNumbers: pullRequestNumbers(run.pull_requests),
        url: safeHttpUrl(run.html_url) ?? safeHttpUrl(run.details_url) ?? checksUrl(ref, run.head_sha),
        updatedAt: run.completed_at ?? run.started_at ?? 0,
      });
    }
    case 'workflow_run': {
      const { repository, workflow, workflow_run: run } = parsePayload(githubWorkflowRunSchema, payload, 'GitHub workflow_run event');
      const ref = githubRepositoryRef(repository);
      return build(ref, {
        buildKey: `workflow_run/${run.id}`,
        pipelineKey: `workflow/${run.workflow_id}`,
        buildNumber: run.run_number,
        name: name(workflow?.name ?? run.name, 'Workflow'),
        state: githubCheckState(run.status, run.conclusion),
        commitSha: run.head_sha,
        branch: branchName(run.head_branch),
        pullRequestNumbers: pullRequestNumbers(run.pull_requests),
        url: safeHttpUrl(run.html_url) ?? checksUrl(ref, run.head_sha),
        updatedAt: run.updated_at,
      });
    }
    case 'status': {
      const status = parsePayload(githubStatusSchema, payload, 'GitHub status event');
      const ref = githubRepositoryRef(status.repository);
      // Each update of a context has a new id: the context on the commit is what stays.
      return build(
        ref,
        commitStatusBuild({
          sha: status.sha,
          key: status.context,
          name: name(status.context, 'Status'),
          state: statusState(status.state),
          branch: branchName(status.branches?.[0]?.name),
          url: safeHttpUrl(status.target_url) ?? checksUrl(ref, status.sha),
          updatedAt: status.updated_at,
        }),
      );
    }
    case 'deployment':
    case 'deployment_status': {
      const delivery =
        event === 'deployment'
          ? { ...parsePayload(githubDeploymentSchema, payload, 'GitHub deployment event'), deployment_status: null }
          : parsePayload(githubDeploymentStatusSchema, payload, 'GitHub deployment_status event');
      const { deployment: created, deployment_status: status } = delivery;
      const state = status ? githubDeploymentState(status.state) : 'pending';
      if (!state) return { events: [], ignored: 'An inactive deployment was replaced by a later one; what it reached stays.' };
      const ref = githubRepositoryRef(delivery.repository);
      const environmentName = name(status?.environment ?? created.environment, 'unknown');
      return deployment(ref, {
        deploymentId: String(created.id),
        sequenceNumber: created.id,
        pipelineName: name(created.task, 'deploy'),
        environmentName,
        environmentType: environmentTypeOf(environmentName),
        state,
        commitSha: created.sha,
        ref: branchName(created.ref),
        url:
          safeHttpUrl(status?.target_url) ??
          safeHttpUrl(status?.log_url) ??
          safeHttpUrl(status?.environment_url) ??
          safeHttpUrl(`${ref.url}/deployments/${encodeURIComponent(environmentName)}`) ??
          '',
        description: cutText(status?.description || created.description || '', MAX_BUILD_NAME),
        updatedAt: status?.updated_at ?? created.updated_at,
      });
    }
    default:
      return null;
  }
}
