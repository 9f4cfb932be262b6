import { createRequire } from 'node:module';
import { resolve } from 'node:path';

/**
 * GitHub webhook payloads for the sandbox's demo data and for tests: GitHub's own examples from
 * `@octokit/webhooks-examples`, with the branch, commits or title changed to mention demo issues.
 */
type Example = Record<string, any>;
const examples = createRequire(resolve('package.json'))('@octokit/webhooks-examples') as Array<{ name: string; examples: Example[] }>;

function example(name: string, pick: (payload: Example) => boolean): Example {
  const found = examples.find((entry) => entry.name === name)?.examples.find(pick);
  if (!found) throw new Error(`@octokit/webhooks-examples has no matching ${name} example`);
  return structuredClone(found);
}

export interface DemoCommit {
  sha: string;
  message: string;
  /** `username`: the GitHub account the author's email belongs to (null: none); GitHub's example author otherwise. */
  author?: { name: string; email: string; username?: string | null };
  timestamp: string;
}

export function githubPush(branch: string, commits: DemoCommit[], options: { before?: string; size?: number } = {}): Example {
  const payload = example('push', (candidate) => candidate.ref === 'refs/heads/master' && candidate.commits.length > 0);
  const template = payload.commits[0];
  payload.ref = `refs/heads/${branch}`;
  payload.before = options.before ?? '0000000000000000000000000000000000000000';
  payload.created = options.before === undefined;
  payload.after = commits[commits.length - 1]?.sha ?? payload.after;
  payload.commits = commits.map((commit) => ({
    ...structuredClone(template),
    id: commit.sha,
    tree_id: commit.sha,
    message: commit.message,
    timestamp: commit.timestamp,
    url: `${payload.repository.html_url}/commit/${commit.sha}`,
    author: { ...template.author, ...(commit.author ?? {}) },
    committer: { ...template.committer, ...(commit.author ?? {}) },
  }));
  payload.head_commit = payload.commits[payload.commits.length - 1] ?? null;
  if (options.size !== undefined) payload.size = options.size;
  return payload;
}

export function githubBranchEvent(event: 'create' | 'delete', branch: string): Example {
  const payload = example(event, () => true);
  payload.ref = branch;
  payload.ref_type = 'branch';
  return payload;
}

export function githubPullRequest(options: {
  number: number;
  title: string;
  head: string;
  base?: string;
  state: 'open' | 'closed';
  merged?: boolean;
  updatedAt: string;
}): Example {
  const payload = example('pull_request', (candidate) => candidate.action === 'opened');
  payload.action = options.state === 'open' ? 'opened' : 'closed';
  payload.number = options.number;
  Object.assign(payload.pull_request, {
    number: options.number,
    title: options.title,
    state: options.state,
    merged: options.merged ?? false,
    merged_at: options.merged ? options.updatedAt : null,
    updated_at: options.updatedAt,
    html_url: `${payload.repository.html_url}/pull/${options.number}`,
  });
  payload.pull_request.head.ref = options.head;
  payload.pull_request.base.ref = options.base ?? 'master';
  return payload;
}

/** The repository every example comes from. */
export const GITHUB_EXAMPLE_REPOSITORY = { id: 186853002, fullName: 'Codertocat/Hello-World' };
