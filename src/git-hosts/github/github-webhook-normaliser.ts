import type { z } from 'zod';
import type { DevEvent, NormalisedDelivery, PullRequestData, PullRequestState, ReviewerList } from '../dev-event';
import { safeHttpUrl } from '../../urls/http-url';
import { parsePayload } from '../payload-error';
import { githubReviewState, MAX_REVIEWERS_PER_PULL_REQUEST } from '../reviews';
import { GITHUB_BUILD_EVENTS, normaliseGithubBuildDelivery } from './github-build-events';
import { githubPullRequestReviewSchema, githubPullRequestSchema, githubPushSchema, githubRefSchema } from './github-webhook-schemas';
import { githubRepositoryRef } from './github-repository-ref';

/** Every webhook event the GitHub normaliser reads: what the app subscribes a repository's webhook to. */
export const GITHUB_WEBHOOK_EVENTS = ['push', 'create', 'delete', 'pull_request', 'pull_request_review', ...GITHUB_BUILD_EVENTS];

/** GitHub sends at most this many commits in a push payload; a push of more is fetched through the API. */
const PUSH_COMMIT_LIMIT = 2048;

/** The branch's page, or '' (no link) when that would not be an http(s) URL. */
export function githubBranchUrl(repositoryUrl: string, branch: string): string {
  return safeHttpUrl(`${repositoryUrl}/tree/${branch.split('/').map(encodeURIComponent).join('/')}`) ?? '';
}

function pullRequestState(pull: { state: 'open' | 'closed'; merged?: boolean | null; merged_at?: string | null }): PullRequestState {
  if (pull.state === 'open') return 'OPEN';
  return pull.merged || pull.merged_at ? 'MERGED' : 'DECLINED';
}

type GithubPull = z.infer<typeof githubPullRequestSchema>['pull_request'];

/**
 * GitHub's `requested_reviewers` are the people still asked to review: someone who has reviewed leaves the
 * list (until asked again), so it does not name everyone who reviewed (`complete: false`).
 */
export function githubRequestedReviewers(people: Array<{ login: string; id: number }> | undefined): ReviewerList | undefined {
  if (!people) return undefined;
  return {
    people: people.slice(0, MAX_REVIEWERS_PER_PULL_REQUEST).map((person) => ({ reviewerId: String(person.id), name: person.login, state: 'PENDING', at: 0, requested: true })),
    complete: false,
  };
}

function pullRequestData(pull: GithubPull): PullRequestData {
  const reviewers = githubRequestedReviewers(pull.requested_reviewers);
  return {
    number: pull.number,
    title: pull.title,
    state: pullRequestState(pull),
    sourceBranch: pull.head.ref,
    destinationBranch: pull.base.ref,
    authorName: pull.user?.login ?? '',
    updatedAt: pull.updated_at,
    url: pull.html_url,
    ...(reviewers ? { reviewers } : {}),
  };
}

/** Turns one GitHub delivery (`X-GitHub-Event` plus its JSON) into development events. */
export function normaliseGithubDelivery(event: string, payload: unknown): NormalisedDelivery {
  switch (event) {
    case 'ping':
      return { events: [], ignored: 'Webhook is set up: GitHub sent its ping.' };
    case 'push': {
      const push = parsePayload(githubPushSchema, payload, 'GitHub push event');
      if (!push.ref.startsWith('refs/heads/')) return { events: [], ignored: 'Tags are not shown on issues.' };
      const repository = githubRepositoryRef(push.repository);
      const branch = push.ref.slice('refs/heads/'.length);
      if (push.deleted) return { events: [{ kind: 'branch-deleted', repository, branch }] };
      const commits = push.commits.map((commit) => ({
        sha: commit.id,
        message: commit.message,
        authorName: commit.author.name ?? commit.author.username ?? '',
        authorEmail: commit.author.email ?? '',
        authoredAt: commit.timestamp,
        url: commit.url,
        filesChanged: commit.added && commit.removed && commit.modified ? commit.added.length + commit.removed.length + commit.modified.length : null,
        // GitHub names the account only when the author's email belongs to one.
        authorAccount: commit.author.username ?? null,
      }));
      const events: DevEvent[] = [
        {
          kind: 'push',
          repository,
          branch,
          branchUrl: githubBranchUrl(repository.url, branch),
          headSha: push.after,
          commits,
          truncated: (push.size ?? commits.length) > commits.length || commits.length >= PUSH_COMMIT_LIMIT,
          before: push.created || /^0+$/.test(push.before) ? null : push.before,
          pusher: push.pusher?.name ?? null,
        },
      ];
      return { events };
    }
    case 'create':
    case 'delete': {
      const ref = parsePayload(githubRefSchema, payload, `GitHub ${event} event`);
      if (ref.ref_type !== 'branch') return { events: [], ignored: 'Tags are not shown on issues.' };
      const repository = githubRepositoryRef(ref.repository);
      const branch = ref.ref.replace(/^refs\/heads\//, '');
      return event === 'create'
        ? { events: [{ kind: 'branch-created', repository, branch, branchUrl: githubBranchUrl(repository.url, branch), headSha: '' }] }
        : { events: [{ kind: 'branch-deleted', repository, branch }] };
    }
    case 'pull_request': {
      const delivery = parsePayload(githubPullRequestSchema, payload, 'GitHub pull_request event');
      return { events: [{ kind: 'pull-request', repository: githubRepositoryRef(delivery.repository), pullRequest: pullRequestData(delivery.pull_request) }] };
    }
    case 'pull_request_review': {
      const delivery = parsePayload(githubPullRequestReviewSchema, payload, 'GitHub pull_request_review event');
      const repository = githubRepositoryRef(delivery.repository);
      const events: DevEvent[] = [{ kind: 'pull-request', repository, pullRequest: pullRequestData(delivery.pull_request) }];
      const { review } = delivery;
      // A dismissal says `dismissed` whatever the review was; a draft (`pending`) review is not given yet.
      const state = delivery.action === 'dismissed' ? 'DISMISSED' : githubReviewState(review.state);
      if (review.user && state && review.submitted_at) {
        events.push({
          kind: 'pull-request-reviews',
          repository,
          number: delivery.pull_request.number,
          reviews: [{ reviewerId: String(review.user.id), name: review.user.login, state, at: review.submitted_at }],
        });
      }
      return { events };
    }
    default:
      return normaliseGithubBuildDelivery(event, payload) ?? { events: [], ignored: `GitHub "${event.slice(0, 60)}" events are not used; nothing was stored.` };
  }
}
