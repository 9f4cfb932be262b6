import type { Review, ReviewState } from './dev-event';

/** Reviewers kept per pull request: more than any real review asks for, few enough that a hostile list stays small. */
export const MAX_REVIEWERS_PER_PULL_REQUEST = 50;

/** At one instant, the review that wins: a dismissal undoes the review it dismisses, given at the same time. */
const STATE_RANK: Record<ReviewState, number> = { PENDING: 0, COMMENTED: 1, APPROVED: 2, CHANGES_REQUESTED: 3, DISMISSED: 4 };

/**
 * Where a review stands among a person's reviews of one pull request, as one number: a higher one counts
 * instead. Being only asked (PENDING at 0) is lowest; a comment comes next, whenever given, because on GitHub
 * it leaves an approval or a change request standing; every other review (an approval, a change request, a
 * dismissal, Bitbucket's taking one back) counts from when it was given, the later one winning, and at the
 * same instant the higher STATE_RANK. One number, so the store can keep the winner with a single comparison
 * whatever order deliveries arrive in (dev-info/reviewer-writer.ts); below 2^53 until the year 3000.
 */
export function reviewPrecedence(review: Pick<Review, 'state' | 'at'>): number {
  const tier = review.state === 'PENDING' && review.at <= 0 ? 0 : review.state === 'COMMENTED' ? 1 : 2;
  const at = review.state === 'COMMENTED' ? 0 : Math.max(0, Math.min(review.at, 2 ** 45 - 1));
  return tier * 2 ** 48 + at * 8 + STATE_RANK[review.state];
}

/** Whether `incoming` becomes the review that counts in place of `current`. */
export function replacesReview(current: Pick<Review, 'state' | 'at'>, incoming: Pick<Review, 'state' | 'at'>): boolean {
  return reviewPrecedence(incoming) >= reviewPrecedence(current);
}

/** One review per person (the one that counts), for the first MAX_REVIEWERS_PER_PULL_REQUEST people. */
export function reviewsThatCount(reviews: Review[]): Review[] {
  const byReviewer = new Map<string, Review>();
  for (const review of reviews) {
    const current = byReviewer.get(review.reviewerId);
    if (current ? replacesReview(current, review) : byReviewer.size < MAX_REVIEWERS_PER_PULL_REQUEST) byReviewer.set(review.reviewerId, review);
  }
  return [...byReviewer.values()];
}

/** GitHub's review states, as its webhooks (lower case) and REST API (upper case) spell them; null for a draft review. */
export function githubReviewState(state: string): ReviewState | null {
  const upper = state.toUpperCase();
  return upper === 'APPROVED' || upper === 'CHANGES_REQUESTED' || upper === 'COMMENTED' || upper === 'DISMISSED' ? upper : null;
}
