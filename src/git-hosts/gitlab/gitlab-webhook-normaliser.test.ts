import { GITLAB_DOCUMENTED_MERGE_REQUEST, GITLAB_DOCUMENTED_PUSH, GITLAB_DOCUMENTED_TAG_PUSH } from '../../../sandbox/demo/gitlab-payloads';
import { verifySecretToken } from '../../webhook-deliveries/signature';
import { PayloadError } from '../payload-error';
import { normaliseGitlabDelivery } from './gitlab-webhook-normaliser';

// GitLab's documented examples ("Webhook events", docs.gitlab.com; see sandbox/demo/gitlab-payloads.ts for the source).
const clone = <T>(value: T): T => structuredClone(value);

describe('normaliseGitlabDelivery on GitLab’s documented payloads', () => {
  it('reads the push example as a truncated push: 2 commits listed of 4 pushed', () => {
    const { events } = normaliseGitlabDelivery('Push Hook', GITLAB_DOCUMENTED_PUSH);
    expect(events).toEqual([
      {
        kind: 'push',
        repository: { providerRepoId: '15', fullName: 'mike/diaspora', url: 'http://example.com/mike/diaspora' },
        branch: 'master',
        branchUrl: 'http://example.com/mike/diaspora/-/tree/master',
        headSha: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
        truncated: true,
        before: '95790bf891e76fee5e1747ab589903a6a1f80f22',
        pusher: 'jsmith',
        commits: [
          {
            sha: 'b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327',
            message: 'Update Catalan translation to e38cb41.\n\nSee https://gitlab.com/gitlab-org/gitlab for more information',
            authorName: 'Jordi Mallach',
            authorEmail: 'jordi@softcatala.org',
            authoredAt: Date.parse('2011-12-12T14:27:31+02:00'),
            url: 'http://example.com/mike/diaspora/commit/b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327',
            filesChanged: 2,
            authorAccount: null,
          },
          expect.objectContaining({ sha: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7', authorName: 'GitLab dev user', authorAccount: null }),
        ],
      },
    ]);
  });

  it('is not truncated when every pushed commit is listed', () => {
    const push = { ...clone(GITLAB_DOCUMENTED_PUSH), total_commits_count: 2 };
    expect(normaliseGitlabDelivery('Push Hook', push).events[0]).toMatchObject({ truncated: false });
  });

  it('names the pusher as a commit’s author only when its author email is the pusher’s public email', () => {
    const push = clone(GITLAB_DOCUMENTED_PUSH);
    push.commits[0]!.author.email = 'JOHN@example.com';
    const [event] = normaliseGitlabDelivery('Push Hook', push).events;
    expect(event?.kind === 'push' && event.commits.map((commit) => commit.authorAccount)).toEqual(['jsmith', null]);
    push.user_email = '[REDACTED]';
    push.commits[0]!.author.email = '[REDACTED]';
    const [redacted] = normaliseGitlabDelivery('Push Hook', push).events;
    expect(redacted?.kind === 'push' && redacted.commits.map((commit) => commit.authorAccount)).toEqual([null, null]);
  });

  it('reads a new branch (before is all zeros) as a push without a base, and a deleted one as a branch event', () => {
    const created = { ...clone(GITLAB_DOCUMENTED_PUSH), before: '0'.repeat(40) };
    expect(normaliseGitlabDelivery('Push Hook', created).events[0]).toMatchObject({ kind: 'push', before: null });
    const deleted = { ...clone(GITLAB_DOCUMENTED_PUSH), after: '0'.repeat(40), commits: [], total_commits_count: 0 };
    expect(normaliseGitlabDelivery('Push Hook', deleted).events).toEqual([
      { kind: 'branch-deleted', repository: { providerRepoId: '15', fullName: 'mike/diaspora', url: 'http://example.com/mike/diaspora' }, branch: 'master' },
    ]);
  });

  it('ignores the tag push example, and events it does not use', () => {
    expect(normaliseGitlabDelivery('Tag Push Hook', GITLAB_DOCUMENTED_TAG_PUSH)).toEqual({ events: [], ignored: 'Tags are not shown on issues.' });
    expect(normaliseGitlabDelivery('Job Hook', {}).ignored).toContain('Job Hook');
  });

  it('reads the merge request example, naming the author only when the request is opened', () => {
    expect(normaliseGitlabDelivery('Merge Request Hook', GITLAB_DOCUMENTED_MERGE_REQUEST).events).toEqual([
      {
        kind: 'pull-request',
        repository: { providerRepoId: '1', fullName: 'gitlabhq/gitlab-test', url: 'http://example.com/gitlabhq/gitlab-test' },
        pullRequest: {
          number: 1,
          title: 'MS-Viewport',
          state: 'OPEN',
          sourceBranch: 'ms-viewport',
          destinationBranch: 'master',
          authorName: 'Administrator',
          updatedAt: Date.parse('2013-12-03T17:23:34Z'),
          url: 'http://example.com/diaspora/merge_requests/1',
        },
      },
    ]);
    const merged = clone(GITLAB_DOCUMENTED_MERGE_REQUEST);
    merged.object_attributes.state = 'merged';
    merged.object_attributes.action = 'merge';
    expect(normaliseGitlabDelivery('Merge Request Hook', merged).events[0]).toMatchObject({ pullRequest: { state: 'MERGED', authorName: '' } });
    merged.object_attributes.state = 'closed';
    expect(normaliseGitlabDelivery('Merge Request Hook', merged).events[0]).toMatchObject({ pullRequest: { state: 'DECLINED' } });
  });

  it('refuses a body that is not the event it claims to be, or carries a non-http link', () => {
    expect(() => normaliseGitlabDelivery('Merge Request Hook', GITLAB_DOCUMENTED_PUSH)).toThrow(PayloadError);
    const hostile = clone(GITLAB_DOCUMENTED_PUSH);
    hostile.commits[0]!.url = 'javascript:alert(1)';
    expect(() => normaliseGitlabDelivery('Push Hook', hostile)).toThrow(/commits\.0\.url/);
    expect(() => normaliseGitlabDelivery('Push Hook', { ...clone(GITLAB_DOCUMENTED_PUSH), commits: Array.from({ length: 101 }, () => GITLAB_DOCUMENTED_PUSH.commits[0]) })).toThrow(
      PayloadError,
    );
  });
});

describe('verifySecretToken (X-Gitlab-Token)', () => {
  it('accepts exactly the webhook secret', () => {
    expect(verifySecretToken('s3cret-token', '{}', 's3cret-token')).toBe(true);
    expect(verifySecretToken('s3cret-token', '{}', 's3cret-tokeN')).toBe(false);
    expect(verifySecretToken('s3cret-token', '{}', 's3cret-token ')).toBe(false);
    expect(verifySecretToken('s3cret-token', '{}', '')).toBe(false);
    expect(verifySecretToken('s3cret-token', '{}', undefined)).toBe(false);
    expect(verifySecretToken('', '{}', '')).toBe(false);
  });
});
