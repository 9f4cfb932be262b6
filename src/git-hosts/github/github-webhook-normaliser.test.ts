import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { PayloadError } from '../payload-error';
import { normaliseGithubDelivery } from './github-webhook-normaliser';

type Examples = Array<{ name: string; examples: Array<Record<string, any>> }>;
const requireFromRoot = createRequire(resolve('package.json'));
const sets: Array<[string, Examples]> = ['api.github.com', 'ghes-31', 'ghes-32', 'ghes-33', 'ghes-34', 'ghes-35'].map((set) => [
  set,
  requireFromRoot(`@octokit/webhooks-examples/${set}/index.json`) as Examples,
]);
const examplesOf = (examples: Examples, name: string) => examples.find((entry) => entry.name === name)?.examples ?? [];
const dotcom = sets[0]![1];

describe('normaliseGithubDelivery on GitHub’s own examples', () => {
  it.each(sets)('accepts every push, create, delete, pull_request and ping example of %s', (_set, examples) => {
    let seen = 0;
    for (const event of ['push', 'create', 'delete', 'pull_request', 'pull_request_review', 'ping']) {
      for (const payload of examplesOf(examples, event)) {
        expect(() => normaliseGithubDelivery(event, payload)).not.toThrow();
        seen += 1;
      }
    }
    expect(seen).toBeGreaterThan(3);
  });

  it('maps a branch push to its commits, with times in milliseconds', () => {
    const payload = examplesOf(dotcom, 'push').find((example) => example.ref === 'refs/heads/master')!;
    const { events } = normaliseGithubDelivery('push', payload);
    expect(events).toEqual([
      {
        kind: 'push',
        repository: { providerRepoId: '186853002', fullName: 'Codertocat/Hello-World', url: 'https://github.com/Codertocat/Hello-World' },
        branch: 'master',
        branchUrl: 'https://github.com/Codertocat/Hello-World/tree/master',
        headSha: payload.after,
        before: null,
        truncated: false,
        commits: [
          {
            sha: '6113728f27ae82c7b1a177c8d03f9e96e0adf246',
            message: 'Initial commit',
            authorName: 'Codertocat',
            authorEmail: '21031067+Codertocat@users.noreply.github.com',
            authoredAt: Date.parse('2019-05-15T15:19:25Z'),
            url: 'https://github.com/Codertocat/Hello-World/commit/6113728f27ae82c7b1a177c8d03f9e96e0adf246',
            filesChanged: 1,
            // The author's email is Codertocat's account, and Codertocat pushed.
            authorAccount: 'Codertocat',
          },
        ],
        pusher: 'Codertocat',
      },
    ]);
  });

  it('ignores tag pushes, tag creation and pings', () => {
    const tagPush = examplesOf(dotcom, 'push').find((example) => example.ref.startsWith('refs/tags/'));
    expect(normaliseGithubDelivery('push', tagPush).ignored).toMatch(/Tags/);
    expect(normaliseGithubDelivery('create', examplesOf(dotcom, 'create')[0]).ignored).toMatch(/Tags/);
    expect(normaliseGithubDelivery('ping', examplesOf(dotcom, 'ping')[0]).ignored).toMatch(/ping/);
  });

  it('turns branch creation and deletion into branch events', () => {
    const created = { ...examplesOf(dotcom, 'create')[0], ref: 'DEMO-1-login', ref_type: 'branch' };
    expect(normaliseGithubDelivery('create', created).events[0]).toMatchObject({ kind: 'branch-created', branch: 'DEMO-1-login' });
    const deletedByPush = { ...examplesOf(dotcom, 'push').find((example) => example.ref === 'refs/heads/master'), deleted: true, commits: [] };
    expect(normaliseGithubDelivery('push', deletedByPush).events[0]).toMatchObject({ kind: 'branch-deleted', branch: 'master' });
  });

  it('maps pull request states: open, merged, closed without merging', () => {
    const opened = examplesOf(dotcom, 'pull_request').find((example) => example.action === 'opened')!;
    const state = (patch: Record<string, unknown>) => {
      const [event] = normaliseGithubDelivery('pull_request', { ...opened, pull_request: { ...opened.pull_request, ...patch } }).events;
      return event?.kind === 'pull-request' ? event.pullRequest.state : undefined;
    };
    expect(state({})).toBe('OPEN');
    expect(state({ state: 'closed', merged: true })).toBe('MERGED');
    expect(state({ state: 'closed', merged: false, merged_at: null })).toBe('DECLINED');
    expect(normaliseGithubDelivery('pull_request', opened).events[0]).toMatchObject({
      pullRequest: {
        number: 2,
        title: 'Update the README with new information.',
        sourceBranch: 'changes',
        destinationBranch: 'master',
        authorName: 'Codertocat',
        url: 'https://github.com/Codertocat/Hello-World/pull/2',
      },
    });
  });

  it('reads who is asked to review from every pull_request example, by account id', () => {
    const withReviewers = examplesOf(dotcom, 'pull_request').filter((example) => example.pull_request.requested_reviewers.length > 0);
    expect(withReviewers.length).toBeGreaterThan(3);
    for (const payload of withReviewers) {
      const [event] = normaliseGithubDelivery('pull_request', payload).events;
      expect(event?.kind === 'pull-request' && event.pullRequest.reviewers).toEqual({
        people: payload.pull_request.requested_reviewers.map((user: { login: string; id: number }) => ({
          reviewerId: String(user.id),
          name: user.login,
          state: 'PENDING',
          at: 0,
          requested: true,
        })),
        complete: false,
      });
    }
    const opened = examplesOf(dotcom, 'pull_request').find((example) => example.action === 'opened' && example.pull_request.requested_reviewers.length === 0)!;
    expect(normaliseGithubDelivery('pull_request', opened).events[0]).toMatchObject({ pullRequest: { reviewers: { people: [], complete: false } } });
    // A list that is not one is left out, so what is stored stays, rather than the event being refused.
    const odd = { ...opened, pull_request: { ...opened.pull_request, requested_reviewers: 'octocat' } };
    expect(normaliseGithubDelivery('pull_request', odd).events[0]).not.toHaveProperty('pullRequest.reviewers');
  });

  it('turns each pull_request_review example into the pull request and the review, a dismissal as DISMISSED', () => {
    const examples = examplesOf(dotcom, 'pull_request_review');
    expect(examples.map((example) => [example.action, example.review.state])).toEqual([
      ['submitted', 'commented'],
      ['dismissed', 'dismissed'],
      ['submitted', 'commented'],
      ['submitted', 'commented'],
    ]);
    for (const payload of examples) {
      const { events } = normaliseGithubDelivery('pull_request_review', payload);
      expect(events).toEqual([
        expect.objectContaining({ kind: 'pull-request', pullRequest: expect.objectContaining({ number: payload.pull_request.number, state: 'OPEN' }) }),
        {
          kind: 'pull-request-reviews',
          repository: { providerRepoId: '186853002', fullName: 'Codertocat/Hello-World', url: 'https://github.com/Codertocat/Hello-World' },
          number: payload.pull_request.number,
          reviews: [{ reviewerId: '21031067', name: 'Codertocat', state: payload.action === 'dismissed' ? 'DISMISSED' : 'COMMENTED', at: Date.parse(payload.review.submitted_at) }],
        },
      ]);
    }
  });

  it('reads approvals and change requests in either spelling, and skips a draft review or one by a deleted account', () => {
    const [submitted] = examplesOf(dotcom, 'pull_request_review');
    const review = (patch: Record<string, unknown>) => normaliseGithubDelivery('pull_request_review', { ...submitted, review: { ...submitted!.review, ...patch } }).events[1];
    expect(review({ state: 'approved' })).toMatchObject({ reviews: [{ state: 'APPROVED' }] });
    expect(review({ state: 'CHANGES_REQUESTED' })).toMatchObject({ reviews: [{ state: 'CHANGES_REQUESTED' }] });
    expect(review({ state: 'pending', submitted_at: null })).toBeUndefined();
    expect(review({ user: null })).toBeUndefined();
  });

  it('marks a push with more commits than the payload carries as truncated', () => {
    const payload = examplesOf(dotcom, 'push').find((example) => example.ref === 'refs/heads/master')!;
    expect(normaliseGithubDelivery('push', { ...payload, size: 3000 }).events[0]).toMatchObject({ truncated: true });
  });

  it.each([
    ['a push without commits', 'push', { ref: 'refs/heads/main' }],
    [
      'a pull request with a numeric title',
      'pull_request',
      { action: 'opened', number: 1, repository: { id: 1, full_name: 'a/b', html_url: 'https://x.test/a/b' }, pull_request: { title: 5 } },
    ],
    ['an array', 'push', []],
    ['null', 'create', null],
    ['a commit with a bad date', 'push', { ...examplesOf(dotcom, 'push')[4], commits: [{ ...examplesOf(dotcom, 'push')[4]!.commits[0], timestamp: 'yesterday' }] }],
  ])('rejects %s with a PayloadError', (_what, event, payload) => {
    expect(() => normaliseGithubDelivery(event, payload)).toThrow(PayloadError);
  });
});
