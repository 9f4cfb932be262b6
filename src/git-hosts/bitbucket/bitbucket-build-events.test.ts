import { bitbucketCommitStatus, DOCUMENTED_STATUS_SHA as sha } from '../../../test/support/bitbucket-commit-status';
import { PayloadError } from '../payload-error';
import { normaliseBitbucketDelivery } from './bitbucket-webhook-normaliser';
import { BITBUCKET_BUILD_EVENTS, normaliseBitbucketBuildDelivery } from './bitbucket-build-events';

/** Bitbucket's documented commit status (test/support/bitbucket-commit-status.ts records the sources). */
const commitStatus = (state: string) => bitbucketCommitStatus(state);

describe('normaliseBitbucketBuildDelivery on Bitbucket’s documented commit status', () => {
  it.each(BITBUCKET_BUILD_EVENTS)('maps %s to a build of its key on its commit and branch', (eventKey) => {
    expect(normaliseBitbucketDelivery(eventKey, commitStatus('SUCCESSFUL'))).toEqual({
      events: [
        {
          kind: 'build',
          repository: { providerRepoId: '{708c9715-0ecc-4a5d-87ed-63c4ba48ea06}', fullName: 'cloudbeers/temp', url: 'https://bitbucket.org/cloudbeers/temp' },
          build: {
            buildKey: `status/${sha}/MY-BUILD`,
            pipelineKey: `status/${sha}/MY-BUILD`,
            buildNumber: 1,
            name: 'MY-BUILD',
            state: 'successful',
            commitSha: sha,
            branch: 'my-pr-branch',
            pullRequestNumbers: [],
            url: 'https://www.example.org/my-build-result',
            updatedAt: Date.parse('2024-03-05T10:21:42Z'),
          },
        },
      ],
    });
  });

  it.each([
    ['INPROGRESS', 'in_progress'],
    ['SUCCESSFUL', 'successful'],
    ['FAILED', 'failed'],
    ['STOPPED', 'cancelled'],
    ['SOMETHING_NEW', 'unknown'],
  ])('reads %s as %s', (state, expected) => {
    const [event] = normaliseBitbucketBuildDelivery('repo:commit_status_updated', commitStatus(state))!.events;
    expect(event?.kind === 'build' && event.build.state).toBe(expected);
  });

  it('finds the commit in `commit.hash` when the payload has it, and in `links.commit` otherwise', () => {
    const withCommit = commitStatus('FAILED');
    withCommit.commit_status.commit = { hash: 'a'.repeat(40), type: 'commit' };
    expect(normaliseBitbucketBuildDelivery('repo:commit_status_created', withCommit)!.events[0]).toMatchObject({ build: { commitSha: 'a'.repeat(40) } });
    const noCommit = commitStatus('FAILED');
    delete noCommit.commit_status.links;
    expect(() => normaliseBitbucketBuildDelivery('repo:commit_status_created', noCommit)).toThrow(PayloadError);
  });

  it('bounds what the reporter controls: key, name, branch and a URL template that is not a link', () => {
    const hostile = commitStatus('FAILED');
    hostile.commit_status.key = 'k'.repeat(60_000);
    hostile.commit_status.name = '';
    hostile.commit_status.refname = 'r'.repeat(300);
    hostile.commit_status.url = 'https://foo.com/builds/{repository.full_name} javascript:';
    const [event] = normaliseBitbucketBuildDelivery('repo:commit_status_created', hostile)!.events;
    if (event?.kind !== 'build') throw new Error('expected a build');
    expect(event.build.buildKey.length).toBeLessThanOrEqual(255);
    expect(event.build.name.length).toBeLessThanOrEqual(255);
    expect(event.build.branch).toBe('');
    expect(event.build.url).toBe(`https://bitbucket.org/cloudbeers/temp/commits/${sha}`);
  });

  it('says null for events it does not read', () => {
    expect(normaliseBitbucketBuildDelivery('repo:push', {})).toBeNull();
  });
});
