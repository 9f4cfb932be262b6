import { readSharedFixture } from '../../../test/support/shared-fixtures';
import { PayloadError } from '../payload-error';
import { normaliseBitbucketDcDelivery } from './bitbucket-dc-webhook-normaliser';

// Real Bitbucket Data Center payloads: ../shared/fixtures/bitbucket-server/ (its README names each file's event).
const fixture = (name: string) => JSON.parse(readSharedFixture('bitbucket-server', `${name}.json`)) as Record<string, unknown>;
const REPOSITORY = { providerRepoId: '1', fullName: 'AMUNIZ/test-repos', url: 'http://localhost:7990/projects/AMUNIZ/repos/test-repos' };

describe('normaliseBitbucketDcDelivery on Bitbucket Data Center’s payloads', () => {
  it('reads repo:refs_changed as a push to be completed through the API, with the commits it lists', () => {
    expect(normaliseBitbucketDcDelivery('repo:refs_changed', fixture('pushPayload')).events).toEqual([
      {
        kind: 'push',
        repository: REPOSITORY,
        branch: 'main',
        branchUrl: 'http://localhost:7990/projects/AMUNIZ/repos/test-repos/browse?at=refs%2Fheads%2Fmain',
        headSha: '9fdd7b96d3f5c276d0b9e0bf38c879eb112d889a',
        truncated: true,
        before: 'a8c13e8850dc60300be720019d1ffc1aa2fded87',
        pusher: 'amuniz',
        commits: [
          {
            sha: '9fdd7b96d3f5c276d0b9e0bf38c879eb112d889a',
            message: 'source-2: Wed 13 Nov 2024 21:54:36 AEST',
            authorName: 'Antonio Muniz',
            authorEmail: 'amuniz@acme.com',
            authoredAt: 1731498876000,
            url: 'http://localhost:7990/projects/AMUNIZ/repos/test-repos/commits/9fdd7b96d3f5c276d0b9e0bf38c879eb112d889a',
            filesChanged: null,
            authorAccount: 'amuniz',
          },
        ],
      },
    ]);
  });

  it('reads a deleted branch, ignores tags and the test delivery', () => {
    expect(normaliseBitbucketDcDelivery('repo:refs_changed', fixture('branch_deleted')).events).toEqual([
      {
        kind: 'branch-deleted',
        repository: { ...REPOSITORY, providerRepoId: '2', url: 'http://localhost:7990/bitbucket/projects/AMUNIZ/repos/test-repos' },
        branch: 'feature/BB-1',
      },
    ]);
    expect(normaliseBitbucketDcDelivery('repo:refs_changed', fixture('tag_created'))).toEqual({ events: [], ignored: 'Only tags changed; tags are not shown on issues.' });
    expect(normaliseBitbucketDcDelivery('diagnostics:ping', fixture('ping')).ignored).toMatch(/test delivery/);
    expect(normaliseBitbucketDcDelivery('repo:comment:added', {}).ignored).toMatch(/not used/);
  });

  it.each(['pr:opened', 'pr:from_ref_updated', 'pr:modified', 'pr:merged', 'pr:declined'])('reads %s from the pr:opened sample', (eventKey) => {
    const payload = fixture('pr_newPRPayload');
    const state = eventKey === 'pr:merged' ? 'MERGED' : eventKey === 'pr:declined' ? 'DECLINED' : 'OPEN';
    (payload.pullRequest as Record<string, unknown>).state = state;
    expect(normaliseBitbucketDcDelivery(eventKey, payload).events).toEqual([
      {
        kind: 'pull-request',
        repository: { ...REPOSITORY, providerRepoId: '2', url: 'http://localhost:7990/bitbucket/projects/AMUNIZ/repos/test-repos' },
        pullRequest: {
          number: 1,
          title: 'Feature/diffstat',
          state,
          sourceBranch: 'feature/diffstat',
          destinationBranch: 'master',
          authorName: 'Administrator',
          updatedAt: Date.parse('2026-08-19T17:27:55.266Z'),
          url: 'http://localhost:7990/bitbucket/projects/AMUNIZ/repos/test-repos/pull-requests/1',
        },
      },
    ]);
  });

  it('shows a deleted pull request as declined', () => {
    expect(normaliseBitbucketDcDelivery('pr:deleted', fixture('pr_deletePRPayload')).events[0]).toMatchObject({ pullRequest: { state: 'DECLINED' } });
  });

  it('refuses a body that is not the event it claims to be, or a non-http link', () => {
    expect(() => normaliseBitbucketDcDelivery('pr:opened', fixture('pushPayload'))).toThrow(PayloadError);
    const hostile = fixture('pushPayload') as { repository: { links: { self: Array<{ href: string }> } } };
    hostile.repository.links.self[0]!.href = 'javascript:alert(1)';
    expect(() => normaliseBitbucketDcDelivery('repo:refs_changed', hostile)).toThrow(/repository\.links\.self\.0\.href/);
  });
});
