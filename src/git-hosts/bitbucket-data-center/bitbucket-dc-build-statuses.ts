import { z } from 'zod';
import { safeHttpUrl } from '../../urls/http-url';
import { commitStatusBuild, cutText, inJiraTerms, MAX_BUILD_NAME, type BuildData, type BuildState } from '../build-event';
import { parsePayload } from '../payload-error';
import { dcCommitUrl } from './bitbucket-dc-webhook-normaliser';

/**
 * One build status as Bitbucket Data Center lists a commit's statuses ("Get build statuses for commit",
 * `GET /rest/build-status/1.0/commits/{commitId}`; developer.atlassian.com/server/bitbucket/rest, group
 * "Deprecated" in 9.x, and the how-to "Updating build status for commits"): `state`, `key`, `name`, `url`,
 * `description`, `dateAdded` (epoch ms). Bitbucket Data Center sends no webhook when a build status changes
 * (its "Event payload" page lists none), so this list is the only way to read them.
 */
const text = z.string().max(65_536);

const dcBuildStatusSchema = z.object({
  state: z.string().max(32),
  key: text.min(1),
  name: text.nullish(),
  /** The CI's page for the build: kept only when it is an http(s) URL. */
  url: text.nullish(),
  description: text.nullish(),
  dateAdded: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullish(),
});

/** Bitbucket Data Center's build states (INPROGRESS, SUCCESSFUL, FAILED; CANCELLED and UNKNOWN since 8.0) in Jira's terms. */
const DC_BUILD_STATES: Record<string, BuildState> = { INPROGRESS: 'in_progress', SUCCESSFUL: 'successful', FAILED: 'failed', CANCELLED: 'cancelled' };

/**
 * One listed status as a build on `sha`, the head of `branch`. One key on one commit is one build, updated in
 * place (Bitbucket keeps the latest status of each key), as for Bitbucket Cloud's commit statuses. Throws a
 * PayloadError for an item that is not a build status.
 */
export function dcBuildOf(status: unknown, sha: string, branch: string, repositoryUrl: string): BuildData {
  const parsed = parsePayload(dcBuildStatusSchema, status, 'Bitbucket Data Center build status');
  return commitStatusBuild({
    sha,
    key: parsed.key,
    name: cutText(parsed.name?.trim() || parsed.key, MAX_BUILD_NAME),
    state: inJiraTerms(DC_BUILD_STATES, parsed.state),
    branch: branch.length <= MAX_BUILD_NAME ? branch : '',
    url: safeHttpUrl(parsed.url) ?? dcCommitUrl(repositoryUrl, sha),
    updatedAt: parsed.dateAdded ?? 0,
  });
}
