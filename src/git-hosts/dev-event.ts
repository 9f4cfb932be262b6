/** What a webhook says, independent of the Git host: the normalisers produce these, the store consumes them. */
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

export interface PullRequestData {
  number: number;
  title: string;
  state: PullRequestState;
  sourceBranch: string;
  destinationBranch: string;
  authorName: string;
  updatedAt: number;
  url: string;
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
  | { kind: 'pull-request'; repository: RepositoryRef; pullRequest: PullRequestData };

/** A parsed delivery: its events, or why it carries nothing to store (tags, pings, other actions). */
export type NormalisedDelivery = { events: DevEvent[]; ignored?: undefined } | { events: []; ignored: string };
