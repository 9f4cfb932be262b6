import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { WebhookDefinition } from '@octokit/webhooks-examples';

/**
 * GitHub webhook payloads for the sandbox's demo data and for tests: GitHub's own examples from
 * `@octokit/webhooks-examples`, with the branch, commits or title changed to mention demo issues.
 */
type EventName = WebhookDefinition['name'];
type ExampleOf<N extends EventName> = WebhookDefinition<N>['examples'][number];
const definitions = createRequire(resolve('package.json'))('@octokit/webhooks-examples') as WebhookDefinition[];

function example<N extends EventName, T extends ExampleOf<N>>(name: N, pick: (payload: ExampleOf<N>) => payload is T): T;
function example<N extends EventName>(name: N, pick: (payload: ExampleOf<N>) => boolean): ExampleOf<N>;
function example<N extends EventName>(name: N, pick: (payload: ExampleOf<N>) => boolean): ExampleOf<N> {
  const found = definitions.find((entry): entry is WebhookDefinition<N> => entry.name === name)?.examples.find(pick);
  if (!found) throw new Error(`@octokit/webhooks-examples has no matching ${name} example`);
  return structuredClone(found);
}

type PushExample = ExampleOf<'push'>;
type PushExampleCommit = PushExample['commits'][number];
/** A commit's author or committer; `username: null` (an email no GitHub account has) is a case the octokit types leave out. */
type DemoCommitter = Omit<PushExampleCommit['author'], 'username'> & { username?: string | null };
type DemoPushCommit = Omit<PushExampleCommit, 'author' | 'committer'> & { author: DemoCommitter; committer: DemoCommitter };
/** GitHub's push example with the demo's commits, and the `size` a test sets to model a truncated push. */
export type DemoPushEvent = Omit<PushExample, 'commits' | 'head_commit'> & { commits: DemoPushCommit[]; head_commit: DemoPushCommit | null; size?: number };

type OpenedPullRequestExample = Extract<ExampleOf<'pull_request'>, { action: 'opened' }>;
/** GitHub's `opened` pull request example, left open or closed (merged or not). */
export type DemoPullRequestEvent = Omit<OpenedPullRequestExample, 'action' | 'pull_request'> & {
  action: 'opened' | 'closed';
  pull_request: Omit<OpenedPullRequestExample['pull_request'], 'state' | 'merged_at'> & { state: 'open' | 'closed'; merged_at: string | null };
};

export interface DemoCommit {
  sha: string;
  message: string;
  /** `username`: the GitHub account the author's email belongs to (null: none); GitHub's example author otherwise. */
  author?: { name: string; email: string; username?: string | null };
  timestamp: string;
}

/** A repository other than the examples' own (a mirror, a fork): its id and `owner/name`. */
interface DemoRepository {
  id: number;
  fullName: string;
}

/** The examples' repository object, renamed to another repository. */
function asRepository<R extends { id: number; name: string; full_name: string; html_url: string; owner: object }>(repository: R, other: DemoRepository): R {
  const [owner = '', name = ''] = other.fullName.split('/');
  return { ...repository, id: other.id, name, full_name: other.fullName, html_url: `https://github.com/${other.fullName}`, owner: { ...repository.owner, login: owner } };
}

export function githubPush(branch: string, commits: DemoCommit[], options: { before?: string; size?: number; repository?: DemoRepository } = {}): DemoPushEvent {
  const payload: DemoPushEvent = example('push', (candidate) => candidate.ref === 'refs/heads/master' && candidate.commits.length > 0);
  if (options.repository) payload.repository = asRepository(payload.repository, options.repository);
  const template = payload.commits[0];
  if (!template) throw new Error('@octokit/webhooks-examples has no push example with commits');
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

export function githubBranchEvent(event: 'create' | 'delete', branch: string): ExampleOf<'create' | 'delete'> {
  const payload = example(event, () => true);
  payload.ref = branch;
  payload.ref_type = 'branch';
  return payload;
}

type ExampleUser = OpenedPullRequestExample['pull_request']['user'];

/** A GitHub account in the shape the examples give one (their own user, renamed). */
export function githubAccount(login: string, id: number): ExampleUser {
  const user = example('pull_request', (candidate): candidate is OpenedPullRequestExample => candidate.action === 'opened').pull_request.user;
  return { ...user, login, id, node_id: `MDQ6VXNlcj${id}`, html_url: `https://github.com/${login}`, url: `https://api.github.com/users/${login}` };
}

export function githubPullRequest(options: {
  number: number;
  title: string;
  head: string;
  base?: string;
  state: 'open' | 'closed';
  merged?: boolean;
  updatedAt: string;
  /** Asked to review, and not yet reviewed since. */
  requestedReviewers?: ExampleUser[];
}): DemoPullRequestEvent {
  const payload: DemoPullRequestEvent = example('pull_request', (candidate): candidate is OpenedPullRequestExample => candidate.action === 'opened');
  payload.action = options.state === 'open' ? 'opened' : 'closed';
  payload.number = options.number;
  payload.pull_request = {
    ...payload.pull_request,
    number: options.number,
    title: options.title,
    state: options.state,
    merged: options.merged ?? false,
    merged_at: options.merged ? options.updatedAt : null,
    updated_at: options.updatedAt,
    html_url: `${payload.repository.html_url}/pull/${options.number}`,
    head: { ...payload.pull_request.head, ref: options.head },
    base: { ...payload.pull_request.base, ref: options.base ?? 'master' },
    requested_reviewers: options.requestedReviewers ?? [],
  };
  return payload;
}

type SubmittedReviewExample = Extract<ExampleOf<'pull_request_review'>, { action: 'submitted' }>;

/** GitHub's `pull_request_review` example: `reviewer` reviewed the pull request, which `pull` describes as it then was. */
export function githubPullRequestReview(
  pull: Parameters<typeof githubPullRequest>[0],
  review: { reviewer: ExampleUser; state: 'approved' | 'changes_requested' | 'commented'; submittedAt: string },
): SubmittedReviewExample {
  const payload = example('pull_request_review', (candidate): candidate is SubmittedReviewExample => candidate.action === 'submitted');
  const described = githubPullRequest(pull).pull_request;
  payload.pull_request = {
    ...payload.pull_request,
    number: described.number,
    title: described.title,
    state: described.state,
    merged_at: described.merged_at,
    updated_at: described.updated_at,
    html_url: described.html_url,
    head: { ...payload.pull_request.head, ref: described.head.ref },
    base: { ...payload.pull_request.base, ref: described.base.ref },
    requested_reviewers: described.requested_reviewers,
  };
  payload.review = {
    ...payload.review,
    user: review.reviewer,
    state: review.state,
    submitted_at: review.submittedAt,
    html_url: `${described.html_url}#pullrequestreview-${payload.review.id}`,
  };
  return payload;
}

/** The repository every example comes from. */
export const GITHUB_EXAMPLE_REPOSITORY = { id: 186853002, fullName: 'Codertocat/Hello-World' };
