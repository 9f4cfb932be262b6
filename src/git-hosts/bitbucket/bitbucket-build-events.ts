import { safeHttpUrl } from '../../urls/http-url';
import { commitStatusBuild, cutText, inJiraTerms, MAX_BUILD_NAME, type BuildState } from '../build-event';
import type { NormalisedDelivery } from '../dev-event';
import { parsePayload, PayloadError } from '../payload-error';
import { bitbucketCommitStatusSchema } from './bitbucket-build-event-schemas';
import { bitbucketRepositoryRef } from './bitbucket-repository-ref';

/** The build events the app subscribes a repository's webhook to: Pipelines and every other CI report through them. */
export const BITBUCKET_BUILD_EVENTS = ['repo:commit_status_created', 'repo:commit_status_updated'];

const SHA = /^[0-9a-f]{7,64}$/i;

/** Bitbucket's commit status states (INPROGRESS, SUCCESSFUL, FAILED, STOPPED) in Jira's terms. */
const BITBUCKET_BUILD_STATES: Record<string, BuildState> = { INPROGRESS: 'in_progress', SUCCESSFUL: 'successful', FAILED: 'failed', STOPPED: 'cancelled' };

/** The commit a status is on: its `commit.hash`, or the last segment of its `links.commit` (older payloads). */
function commitHash(status: { commit?: { hash: string } | null; links?: { commit?: { href: string } | null } | null }): string {
  const hash = status.commit?.hash ?? status.links?.commit?.href.split('/').pop() ?? '';
  if (!SHA.test(hash)) throw new PayloadError('The payload is not a valid Bitbucket commit status event: it names no commit.');
  return hash;
}

/** Turns one Bitbucket commit-status delivery into a build event; null for any other event. */
export function normaliseBitbucketBuildDelivery(eventKey: string, payload: unknown): NormalisedDelivery | null {
  if (!BITBUCKET_BUILD_EVENTS.includes(eventKey)) return null;
  const { repository, commit_status: status } = parsePayload(bitbucketCommitStatusSchema, payload, `Bitbucket ${eventKey} event`);
  if (status.type && status.type !== 'build') return { events: [], ignored: `Bitbucket "${status.type.slice(0, 32)}" statuses are not builds.` };
  const sha = commitHash(status);
  const repositoryUrl = repository.links.html.href;
  const refname = status.refname ?? '';
  return {
    events: [
      {
        kind: 'build',
        repository: bitbucketRepositoryRef(repository),
        build: commitStatusBuild({
          sha,
          key: status.key,
          name: cutText(status.name?.trim() || status.key, MAX_BUILD_NAME),
          state: inJiraTerms(BITBUCKET_BUILD_STATES, status.state),
          branch: refname.length <= MAX_BUILD_NAME ? refname : '',
          url: safeHttpUrl(status.url) ?? safeHttpUrl(`${repositoryUrl}/commits/${sha}`) ?? '',
          updatedAt: status.updated_on ?? status.created_on ?? 0,
        }),
      },
    ],
  };
}
