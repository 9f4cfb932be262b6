import type { HttpFetch } from '../../ports/http';
import { systemClock } from '../../ports/clock';
import { bitbucketDcHostClient } from './bitbucket-dc-host-client';

/**
 * A build status as Atlassian documents it: the how-to "Updating build status for commits"
 * (https://developer.atlassian.com/server/bitbucket/how-tos/updating-build-status-for-commits/) and "Get build
 * statuses for commit" (https://developer.atlassian.com/server/bitbucket/rest/v905/api-group-deprecated/
 * #api-build-status-latest-commits-commitid-get): key REPO-MASTER, name REPO-MASTER-42, the Bamboo URL and
 * description of their example, in a `start`/`limit` page; `dateAdded` is this test's.
 */
const SHA = '046d9a3c1532acf4cf08fe93235c00e4d673c1d2';
const DOCUMENTED = {
  state: 'SUCCESSFUL',
  key: 'REPO-MASTER',
  name: 'REPO-MASTER-42',
  url: 'https://bamboo.example.com/browse/REPO-MASTER-42',
  description: 'Changes by John Doe',
  dateAdded: 1_700_000_000_000,
};
const web = 'http://localhost:7990';
const repository = { providerRepoId: '1', fullName: 'AMUNIZ/test-repos', url: `${web}/projects/AMUNIZ/repos/test-repos` };

function answering(values: unknown[], requested: string[]): HttpFetch {
  return async (url) => {
    requested.push(url);
    const body = JSON.stringify({ size: values.length, limit: 50, isLastPage: true, start: 0, values });
    return { ok: true, status: 200, headers: { get: () => null }, text: async () => body, json: async () => JSON.parse(body) as unknown };
  };
}

describe('the latest builds of a Bitbucket Data Center commit', () => {
  it('reads one page of build statuses in one request, each key a build of the head’s branch', async () => {
    const requested: string[] = [];
    const client = bitbucketDcHostClient(answering([DOCUMENTED], requested), systemClock, { web, api: `${web}/rest/api/1.0` });
    expect(await client.latestBuilds!('token', repository, SHA, 'feature/BB-2')).toEqual([
      {
        buildKey: `status/${SHA}/REPO-MASTER`,
        pipelineKey: `status/${SHA}/REPO-MASTER`,
        buildNumber: 1,
        name: 'REPO-MASTER-42',
        state: 'successful',
        commitSha: SHA,
        branch: 'feature/BB-2',
        pullRequestNumbers: [],
        url: 'https://bamboo.example.com/browse/REPO-MASTER-42',
        updatedAt: 1_700_000_000_000,
      },
    ]);
    expect(requested).toEqual([`${web}/rest/build-status/1.0/commits/${SHA}?limit=50`]);
  });

  it.each([
    ['INPROGRESS', 'in_progress'],
    ['SUCCESSFUL', 'successful'],
    ['FAILED', 'failed'],
    ['CANCELLED', 'cancelled'],
    ['UNKNOWN', 'unknown'],
  ])('reads state %s as %s', async (state, expected) => {
    const client = bitbucketDcHostClient(answering([{ ...DOCUMENTED, state }], []), systemClock, { web, api: `${web}/rest/api/1.0` });
    expect((await client.latestBuilds!('token', repository, SHA, 'main'))[0]?.state).toBe(expected);
  });

  it('leaves out an item that is not a build status, and links the commit when the CI’s URL is not a link', async () => {
    const values = [{ ...DOCUMENTED, key: undefined }, { ...DOCUMENTED, key: 'k'.repeat(60_000), name: '', url: 'javascript:alert(1)' }, 'nonsense'];
    const client = bitbucketDcHostClient(answering(values, []), systemClock, { web, api: `${web}/rest/api/1.0` });
    const builds = await client.latestBuilds!('token', repository, SHA, 'b'.repeat(300));
    expect(builds).toHaveLength(1);
    expect(builds[0]!.buildKey.length).toBeLessThanOrEqual(255);
    expect(builds[0]!.name.length).toBeLessThanOrEqual(255);
    expect(builds[0]!.branch).toBe('');
    expect(builds[0]!.url).toBe(`${repository.url}/commits/${SHA}`);
  });
});
