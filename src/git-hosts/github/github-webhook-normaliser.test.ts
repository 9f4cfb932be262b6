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
    for (const event of ['push', 'create', 'delete', 'pull_request', 'ping']) {
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
