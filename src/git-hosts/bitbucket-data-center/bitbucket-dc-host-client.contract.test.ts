import { readSharedFixture } from '../../../test/support/shared-fixtures';
import { systemClock } from '../../ports/clock';
import type { HttpFetch } from '../../ports/http';
import { bitbucketDcHostClient } from './bitbucket-dc-host-client';

/**
 * The Bitbucket Data Center client against the server's real REST 1.0 answers in
 * ../shared/fixtures/bitbucket-server/ (branches, one commit, pull requests): Atlassian publishes no machine-
 * readable description of REST 1.0 the app could check requests against, so the answers are the contract.
 */
const web = 'http://localhost:7990';
const api = `${web}/rest/api/1.0`;
const repository = { providerRepoId: '1', fullName: 'AMUNIZ/test-repos', url: `${web}/projects/AMUNIZ/repos/test-repos` };

function fixtureFetch(requests: string[]): HttpFetch {
  const answers: Array<[RegExp, string]> = [
    [/\/branches\?/, 'api_branches_start_0_limit_200.json'],
    [/\/commits\/046d9a3c/, 'api_commits-046d9a3c1532acf4cf08fe93235c00e4d673c1d2.json'],
    [/\/pull-requests\?/, 'api_pull-requests_start_0_limit_200.json'],
  ];
  return async (url) => {
    requests.push(url);
    const file = answers.find(([pattern]) => pattern.test(url))?.[1];
    const text = file ? readSharedFixture('bitbucket-server', file) : '{"errors":[{"message":"not found"}]}';
    return { ok: Boolean(file), status: file ? 200 : 404, headers: { get: () => null }, text: async () => text, json: async () => JSON.parse(text) as unknown };
  };
}

describe('Bitbucket Data Center client on the server’s REST 1.0 answers', () => {
  const requests: string[] = [];
  const client = bitbucketDcHostClient(fixtureFetch(requests), systemClock, { web, api });

  it('reads branches, a commit and pull requests, paged with start and limit', async () => {
    const branches = await client.branches('token', repository, null);
    expect(branches.next).toBeNull();
    expect(branches.items).toContainEqual({
      name: 'main',
      headSha: 'bf4f4ce8a3a8d5c7dbfe7d609973a81a6c6664cf',
      url: `${web}/projects/AMUNIZ/repos/test-repos/browse?at=refs%2Fheads%2Fmain`,
    });
    expect(await client.commit('token', repository, '046d9a3c1532acf4cf08fe93235c00e4d673c1d2')).toEqual({
      sha: '046d9a3c1532acf4cf08fe93235c00e4d673c1d2',
      message: 'Add one message more',
      authorName: 'Nikolas Falco',
      authorEmail: 'nfalco79@acme.com',
      authoredAt: 1537541363000,
      url: `${web}/projects/AMUNIZ/repos/test-repos/commits/046d9a3c1532acf4cf08fe93235c00e4d673c1d2`,
      filesChanged: null,
    });
    expect(await client.commit('token', repository, 'ffffffff')).toBeNull();
    const pulls = await client.pullRequests('token', repository, null);
    expect(pulls.items[0]).toEqual({
      number: 2,
      title: 'Add one message more',
      state: 'OPEN',
      sourceBranch: 'feature/BB-2',
      destinationBranch: 'main',
      authorName: expect.any(String),
      updatedAt: 1541687143031,
      url: `${web}/projects/AMUNIZ/repos/test-repos/pull-requests/2`,
    });
    expect(requests.map((url) => new URL(url).pathname)).toEqual([
      '/rest/api/1.0/projects/AMUNIZ/repos/test-repos/branches',
      '/rest/api/1.0/projects/AMUNIZ/repos/test-repos/commits/046d9a3c1532acf4cf08fe93235c00e4d673c1d2',
      '/rest/api/1.0/projects/AMUNIZ/repos/test-repos/commits/ffffffff',
      '/rest/api/1.0/projects/AMUNIZ/repos/test-repos/pull-requests',
    ]);
    expect(new URL(requests[0]!).searchParams.get('limit')).toBe('100');
  });

  it('refuses a repository name that would leave its project’s path', async () => {
    await expect(client.branches('token', { ...repository, fullName: 'AMUNIZ/../../admin' }, null)).rejects.toMatchObject({ code: 'provider_not_found' });
  });
});
