import type { DevEvent } from '../git-hosts/dev-event';
import { MAX_KEYS_PER_ITEM, MAX_LINKS_PER_PLAN, MAX_STORED_MESSAGE, planLinks } from './link-plan';

const PROJECTS = new Set(['DEMO', 'OPS']);
const REPO = { providerRepoId: '1', fullName: 'acme/app', url: 'https://github.com/acme/app' };
const keys = (from: number, count: number) => Array.from({ length: count }, (_, n) => `DEMO-${from + n}`).join(' ');
const push = (messages: string[]): DevEvent => ({
  kind: 'push',
  repository: REPO,
  branch: 'main',
  branchUrl: 'https://github.com/acme/app/tree/main',
  headSha: 'f'.repeat(40),
  before: 'e'.repeat(40),
  truncated: false,
  commits: messages.map((message, n) => ({
    sha: n.toString(16).padStart(40, '0'),
    message,
    authorName: 'Dana',
    authorEmail: 'dana@example.com',
    authoredAt: n,
    url: `https://github.com/acme/app/commit/${n}`,
    filesChanged: 1,
  })),
});

describe('planning links from what a pusher chose', () => {
  it('links one commit to at most 100 issues, however many keys its message names', () => {
    const plan = planLinks('r1', [push([`${keys(1, 50_000)} Rename everything`])], PROJECTS, 0);
    expect(plan.links).toHaveLength(MAX_KEYS_PER_ITEM);
    expect(plan.links.map((link) => link.issue_key).slice(0, 2)).toEqual(['DEMO-1', 'DEMO-2']);
  });

  it('takes keys only from the text it stores: none after the first 4,000 characters', () => {
    const plan = planLinks('r1', [push([`${'x'.repeat(MAX_STORED_MESSAGE)} DEMO-7`])], PROJECTS, 0);
    expect(plan.commits).toEqual([]);
    expect(plan.links).toEqual([]);
  });

  it('adds at most 10,000 links a delivery, and has the rest of the push read from the host a page at a time', () => {
    // 100 commits naming 2,000 issues each (about 1.9 MB): 200,000 links before the bounds, 10,000 after.
    const hundred = planLinks('r1', [push(Array.from({ length: 100 }, (_, n) => `${keys(n * 2_000 + 1, 2_000)} part ${n}`))], PROJECTS, 0);
    expect(hundred.links).toHaveLength(MAX_LINKS_PER_PLAN);
    // 150 such commits: the first 100 fit; the push is read again from the host, where each page fits.
    const plan = planLinks('r1', [push(Array.from({ length: 150 }, (_, n) => `${keys(n * 2_000 + 1, 2_000)} part ${n}`))], PROJECTS, 0);
    expect(plan.links.length).toBeLessThanOrEqual(MAX_LINKS_PER_PLAN);
    expect(plan.commits).toHaveLength(MAX_LINKS_PER_PLAN / MAX_KEYS_PER_ITEM);
    expect(plan.truncatedPushes).toEqual([{ branch: 'main', before: 'e'.repeat(40), headSha: 'f'.repeat(40) }]);
  });

  it('keeps a pull request that names no issue aside, so its old links can be removed', () => {
    const plan = planLinks(
      'r1',
      [
        {
          kind: 'pull-request',
          repository: REPO,
          pullRequest: {
            number: 4,
            title: 'Add cache',
            state: 'MERGED',
            sourceBranch: 'cache',
            destinationBranch: 'main',
            authorName: 'dana',
            updatedAt: 5,
            url: 'https://github.com/acme/app/pull/4',
          },
        },
      ],
      PROJECTS,
      0,
    );
    expect(plan.pullRequests).toEqual([]);
    expect(plan.unkeyedPullRequests).toEqual([expect.objectContaining({ number: 4, state: 'MERGED' })]);
  });
});
