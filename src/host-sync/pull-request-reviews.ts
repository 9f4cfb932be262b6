import type { HostConnection } from '../accounts/host-connection';
import type { DevEvent, PullRequestData, RepositoryRef } from '../git-hosts/dev-event';
import type { LinkPlan } from '../dev-info/link-plan';

/**
 * Pull requests whose reviews one page of pull requests may read, at a request each (two past 100 reviews):
 * a page of 100 open pull requests costs at most 25 requests more, not 100.
 */
const MAX_REVIEW_READS_PER_PAGE = 25;

/**
 * Which of a page of pull requests to read reviews for, on hosts whose pull request list does not carry them
 * (GitHub): only those the store keeps (they name an issue), and only open ones or those updated since the
 * last sync (`since`; null on a first backfill), whose reviews may have changed; the most recently updated
 * first, at most MAX_REVIEW_READS_PER_PAGE. A merged pull request's reviews then come from its webhooks.
 */
export function pullRequestsToReview(page: PullRequestData[], plan: LinkPlan, since: number | null): PullRequestData[] {
  const stored = new Set(plan.pullRequests.map((row) => row.number));
  return page
    .filter((pull) => stored.has(pull.number) && (pull.state === 'OPEN' || (since !== null && pull.updatedAt >= since)))
    .sort((a, b) => b.updatedAt - a.updatedAt)
    .slice(0, MAX_REVIEW_READS_PER_PAGE);
}

/** The reviews of these pull requests, as events to record; none where the host has no separate reviews to read. */
export async function readReviews(connection: HostConnection, repository: RepositoryRef, pulls: PullRequestData[]): Promise<DevEvent[]> {
  const events: DevEvent[] = [];
  for (const pull of pulls) {
    const reviews = await connection.call(async (host, token) => (host.reviews ? host.reviews(token, repository, pull.number) : null));
    if (reviews === null) return [];
    if (reviews.length > 0) events.push({ kind: 'pull-request-reviews', repository, number: pull.number, reviews });
  }
  return events;
}
