import { readSharedFixture } from './shared-fixtures';

/**
 * A Bitbucket Cloud `repo:commit_status_created` / `_updated` delivery. /work/shared/fixtures/bitbucket/ holds
 * none, so it is assembled from Bitbucket's documentation, recorded here:
 * - the envelope (`actor`, `repository`, `commit_status`) from "Event payloads", Build status created /
 *   updated (https://support.atlassian.com/bitbucket-cloud/docs/event-payloads/), with the `actor` and
 *   `repository` of the real delivery in fixtures/bitbucket/push_createPayload.json;
 * - `commit_status` as the commit status object of the REST API ("Commit statuses",
 *   https://developer.atlassian.com/cloud/bitbucket/rest/api-group-commit-statuses/, schema `commitstatus`:
 *   type, links.self, links.commit, uuid, key, refname, url, state, name, description, created_on,
 *   updated_on; states INPROGRESS, SUCCESSFUL, FAILED, STOPPED), with the values of that page's own example
 *   (`MY-BUILD`, `42 tests passed`, `https://www.example.org/my-build-result`, `my-pr-branch`, commit
 *   e10dae226959c2194f2b07b077c07762d93821cf).
 */
export const DOCUMENTED_STATUS_SHA = 'e10dae226959c2194f2b07b077c07762d93821cf';

export function bitbucketCommitStatus(state: string, options: { sha?: string; updatedOn?: string; refname?: string } = {}): Record<string, any> {
  const push = JSON.parse(readSharedFixture('bitbucket', 'push_createPayload.json'));
  const sha = options.sha ?? DOCUMENTED_STATUS_SHA;
  return {
    actor: push.actor,
    repository: push.repository,
    commit_status: {
      type: 'build',
      links: {
        self: { href: `https://api.bitbucket.org/2.0/repositories/cloudbeers/temp/commit/${sha}/statuses/build/MY-BUILD` },
        commit: { href: `https://api.bitbucket.org/2.0/repositories/cloudbeers/temp/commit/${sha}` },
      },
      uuid: '{3fd6d3d4-4bd7-4ff5-a3e5-a1a8a1e37c5b}',
      key: 'MY-BUILD',
      refname: options.refname ?? 'my-pr-branch',
      url: 'https://www.example.org/my-build-result',
      state,
      name: 'MY-BUILD',
      description: '42 tests passed',
      created_on: '2024-03-05T10:20:11.000000+00:00',
      updated_on: options.updatedOn ?? '2024-03-05T10:21:42.000000+00:00',
    },
  };
}
