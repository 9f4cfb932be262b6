import { cutText, MAX_BUILD_NAME } from '../git-hosts/build-event';
import type { BuildTable, DeploymentTable } from '../storage/schema';
import { safeHttpUrl } from '../urls/http-url';

/** Jira takes at most 100 builds or deployments a request, each with at most 100 issue keys (jira-software.v3.json). */
export const BUILDS_PER_REQUEST = 100;
const MAX_ISSUE_KEYS = 100;

/** Jira's ids are unique per provider, not per repository: each is prefixed with the repository's id. */
const providerId = (repositoryId: string, id: string) => cutText(`${repositoryId}/${id}`, MAX_BUILD_NAME);

/**
 * A stored build as Jira's `BuildData`, or null when it has no link Jira would accept (a URL is required).
 * `pipelineId` + `buildNumber` name the build; `updateSequenceNumber` is its precedence, so Jira, like the
 * store, keeps the most advanced update whatever order requests arrive in.
 */
export function jiraBuild(row: BuildTable, issueKeys: string[], repositoryUrl: string) {
  const repositoryUri = safeHttpUrl(repositoryUrl);
  const url = safeHttpUrl(row.url) ?? repositoryUri;
  if (!url || issueKeys.length === 0) return null;
  return {
    schemaVersion: '1.0',
    pipelineId: providerId(row.repository_id, row.pipeline_key),
    buildNumber: Number(row.build_number),
    updateSequenceNumber: Number(row.precedence),
    displayName: cutText(row.name, MAX_BUILD_NAME),
    label: row.branch ? cutText(row.branch, MAX_BUILD_NAME) : undefined,
    url,
    state: row.state,
    lastUpdated: new Date(Number(row.updated_at)).toISOString(),
    issueKeys: issueKeys.slice(0, MAX_ISSUE_KEYS),
    // Ties the build to the commit (and branch) Jira knows from the development information.
    references:
      row.commit_sha && repositoryUri ? [{ commit: { id: row.commit_sha, repositoryUri }, ...(row.branch ? { ref: { name: row.branch, uri: repositoryUri } } : {}) }] : undefined,
  };
}

/** A stored deployment as Jira's `DeploymentData`, or null when it has no link Jira would accept. */
export function jiraDeployment(row: DeploymentTable, issueKeys: string[], repositoryUrl: string) {
  const url = safeHttpUrl(row.url) ?? safeHttpUrl(repositoryUrl);
  if (!url || issueKeys.length === 0) return null;
  return {
    schemaVersion: '1.0',
    deploymentSequenceNumber: Number(row.sequence_number),
    updateSequenceNumber: Number(row.precedence),
    issueKeys: issueKeys.slice(0, MAX_ISSUE_KEYS),
    displayName: cutText(`${row.pipeline_name} to ${row.environment_name}`, MAX_BUILD_NAME),
    url,
    description: cutText(row.description || `${row.pipeline_name} of ${row.commit_sha.slice(0, 7)}`, MAX_BUILD_NAME),
    lastUpdated: new Date(Number(row.updated_at)).toISOString(),
    state: row.state,
    pipeline: { id: providerId(row.repository_id, row.pipeline_name), displayName: cutText(row.pipeline_name, MAX_BUILD_NAME), url },
    environment: { id: providerId(row.repository_id, row.environment_name), displayName: cutText(row.environment_name, MAX_BUILD_NAME), type: row.environment_type },
  };
}
