/** What a webhook says, independent of the Git host: the normalisers produce these, the store consumes them. */
import type { BuildData, DeploymentData } from './build-event';

export interface RepositoryRef {
  providerRepoId: string;
  fullName: string;
  url: string;
}

export interface CommitData {
  sha: string;
  message: string;
  authorName: string;
  authorEmail: string;
  authoredAt: number;
  url: string;
  filesChanged: number | null;
  /** The Git host's account the author's email belongs to (GitHub login, Bitbucket user uuid), when it says. */
  authorAccount?: string | null;
}

export type PullRequestState = 'OPEN' | 'MERGED' | 'DECLINED';

export type ReviewState = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';

/** One person's review of a pull request, as the host reports it. */
export interface Review {
  /** The host's stable id for the person: GitHub's numeric user id, Bitbucket's account UUID. */
  reviewerId: string;
  /** What the panel calls them: GitHub login, Bitbucket display name. */
  name: string;
  state: ReviewState;
  /** When the review was given (epoch ms); 0 for a reviewer who has only been asked. */
  at: number;
}

/**
 * Who reviews a pull request, as of the pull request's `updatedAt`: the people listed, each with whether the
 * host lists them as asked to review. `complete` says the list names everyone (Bitbucket's participants), so
 * anyone not in it is no longer a reviewer; otherwise (GitHub's `requested_reviewers`) it names only those
 * still asked, and people who reviewed already keep their review.
 */
export interface ReviewerList {
  people: Array<Review & { requested: boolean }>;
  complete: boolean;
}

export interface PullRequestData {
  number: number;
  title: string;
  state: PullRequestState;
  sourceBranch: string;
  destinationBranch: string;
  authorName: string;
  updatedAt: number;
  url: string;
  /** Absent when the host's answer did not say (then what is stored stays). */
  reviewers?: ReviewerList;
}

export type DevEvent =
  | {
      kind: 'push';
      repository: RepositoryRef;
      branch: string;
      branchUrl: string;
      headSha: string;
      commits: CommitData[];
      /** The host sent fewer commits than were pushed; the rest must be fetched through its API. */
      truncated: boolean;
      before: string | null;
      /** Who pushed, as the Git host authenticated them (GitHub login, Bitbucket user uuid); only webhooks say. */
      pusher?: string | null;
    }
  | { kind: 'branch-created'; repository: RepositoryRef; branch: string; branchUrl: string; headSha: string }
  | { kind: 'branch-deleted'; repository: RepositoryRef; branch: string }
  | { kind: 'pull-request'; repository: RepositoryRef; pullRequest: PullRequestData }
  /** Reviews given on a stored pull request (a review webhook, an approval, the host's list of reviews). */
  | { kind: 'pull-request-reviews'; repository: RepositoryRef; number: number; reviews: Review[] }
  /** A CI run's state on a commit (GitHub checks, workflow runs and statuses; Bitbucket commit statuses). */
  | { kind: 'build'; repository: RepositoryRef; build: BuildData }
  /** A deployment of a commit to an environment, and its latest state. */
  | { kind: 'deployment'; repository: RepositoryRef; deployment: DeploymentData };

/** A parsed delivery: its events, or why it carries nothing to store (tags, pings, other actions). */
export type NormalisedDelivery = { events: DevEvent[]; ignored?: undefined } | { events: []; ignored: string };
