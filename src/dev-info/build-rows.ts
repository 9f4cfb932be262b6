import { buildPrecedence, cutText, deploymentPrecedence, MAX_BUILD_NAME, MAX_PULL_REQUESTS_PER_BUILD, type BuildData, type DeploymentData } from '../git-hosts/build-event';
import type { BuildTable, DeploymentTable } from '../storage/schema';
import { storedUrl } from './dev-info-items';

const keyPart = (text: string, max: number) => (text.length > max ? '' : text);

/** A build as stored, every column within its bounds whatever the normaliser was given. */
export function buildRow(repositoryId: string, build: BuildData): BuildTable {
  return {
    repository_id: repositoryId,
    build_key: cutText(build.buildKey, MAX_BUILD_NAME),
    pipeline_key: cutText(build.pipelineKey, MAX_BUILD_NAME),
    build_number: Number.isSafeInteger(build.buildNumber) ? build.buildNumber : 0,
    name: cutText(build.name, MAX_BUILD_NAME),
    state: build.state,
    commit_sha: keyPart(build.commitSha, 64),
    branch: keyPart(build.branch, MAX_BUILD_NAME),
    pull_requests: build.pullRequestNumbers.filter(Number.isSafeInteger).slice(0, MAX_PULL_REQUESTS_PER_BUILD).join(','),
    url: storedUrl(build.url),
    updated_at: build.updatedAt,
    precedence: buildPrecedence(build),
  };
}

export function deploymentRow(repositoryId: string, deployment: DeploymentData): DeploymentTable {
  return {
    repository_id: repositoryId,
    deployment_id: cutText(deployment.deploymentId, 128),
    sequence_number: Number.isSafeInteger(deployment.sequenceNumber) ? deployment.sequenceNumber : 0,
    pipeline_name: cutText(deployment.pipelineName, MAX_BUILD_NAME),
    environment_name: cutText(deployment.environmentName, MAX_BUILD_NAME),
    environment_type: deployment.environmentType,
    state: deployment.state,
    commit_sha: keyPart(deployment.commitSha, 64),
    ref: keyPart(deployment.ref, MAX_BUILD_NAME),
    url: storedUrl(deployment.url),
    description: cutText(deployment.description, MAX_BUILD_NAME),
    updated_at: deployment.updatedAt,
    precedence: deploymentPrecedence(deployment),
  };
}

/** The pull request numbers a stored build names. */
export const buildPullRequests = (row: Pick<BuildTable, 'pull_requests'>) => (row.pull_requests ? row.pull_requests.split(',').map(Number).filter(Number.isSafeInteger) : []);

/** A stored build as the event that would store it again: what re-linking plans from. */
export function buildFromRow(row: BuildTable): BuildData {
  return {
    buildKey: row.build_key,
    pipelineKey: row.pipeline_key,
    buildNumber: Number(row.build_number),
    name: row.name,
    state: row.state,
    commitSha: row.commit_sha,
    branch: row.branch,
    pullRequestNumbers: buildPullRequests(row),
    url: row.url,
    updatedAt: Number(row.updated_at),
  };
}

export function deploymentFromRow(row: DeploymentTable): DeploymentData {
  return {
    deploymentId: row.deployment_id,
    sequenceNumber: Number(row.sequence_number),
    pipelineName: row.pipeline_name,
    environmentName: row.environment_name,
    environmentType: row.environment_type,
    state: row.state,
    commitSha: row.commit_sha,
    ref: row.ref,
    url: row.url,
    description: row.description,
    updatedAt: Number(row.updated_at),
  };
}
