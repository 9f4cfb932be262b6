import { bitbucketCommitStatus, DOCUMENTED_STATUS_SHA } from '../../../test/support/bitbucket-commit-status';
import type { HttpFetch } from '../../ports/http';
import { bitbucketLatestBuilds } from './bitbucket-build-reads';

/** Bitbucket's statuses list, as "Commit statuses" documents it: a page of commit status objects. */
describe('the latest builds of a Bitbucket commit', () => {
  it('reads one page of statuses in one request, each as its webhook would say, dropping one that is not a build', async () => {
    const requested: string[] = [];
    const documented = bitbucketCommitStatus('FAILED').commit_status as Record<string, unknown>;
    const values = [documented, { ...documented, key: 'LINT', name: 'Lint', state: 'SUCCESSFUL' }, { ...documented, key: 'X', type: 'report' }];
    const fetch: HttpFetch = async (url) => {
      requested.push(url);
      const body = JSON.stringify({ pagelen: 50, values });
      return { ok: true, status: 200, headers: { get: () => null }, text: async () => body, json: async () => JSON.parse(body) as unknown };
    };
    const repository = { providerRepoId: '{708c9715-0ecc-4a5d-87ed-63c4ba48ea06}', fullName: 'cloudbeers/temp', url: 'https://bitbucket.org/cloudbeers/temp' };
    const builds = await bitbucketLatestBuilds(fetch, 'Bitbucket Cloud', 'https://api.bitbucket.org/2.0', 'token', repository, DOCUMENTED_STATUS_SHA);
    expect(requested).toEqual([`https://api.bitbucket.org/2.0/repositories/cloudbeers/temp/commit/${DOCUMENTED_STATUS_SHA}/statuses?pagelen=50`]);
    expect(builds.map((build) => [build.name, build.state, build.commitSha])).toEqual([
      ['MY-BUILD', 'failed', DOCUMENTED_STATUS_SHA],
      ['Lint', 'successful', DOCUMENTED_STATUS_SHA],
    ]);
  });
});
