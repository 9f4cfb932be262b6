import type { Review } from './dev-event';
import { MAX_REVIEWERS_PER_PULL_REQUEST, replacesReview, reviewPrecedence, reviewsThatCount } from './reviews';

const review = (reviewerId: string, state: Review['state'], at: number): Review => ({ reviewerId, name: reviewerId, state, at });

describe('the review that counts', () => {
  it('is the latest, except that a comment leaves an approval or a change request standing', () => {
    expect(replacesReview(review('a', 'APPROVED', 1), review('a', 'CHANGES_REQUESTED', 2))).toBe(true);
    expect(replacesReview(review('a', 'APPROVED', 2), review('a', 'CHANGES_REQUESTED', 1))).toBe(false);
    expect(replacesReview(review('a', 'APPROVED', 1), review('a', 'COMMENTED', 2))).toBe(false);
    expect(replacesReview(review('a', 'CHANGES_REQUESTED', 1), review('a', 'COMMENTED', 2))).toBe(false);
    expect(replacesReview(review('a', 'PENDING', 0), review('a', 'COMMENTED', 2))).toBe(true);
    // An approval taken back on Bitbucket (PENDING, later) does replace it.
    expect(replacesReview(review('a', 'APPROVED', 1), review('a', 'PENDING', 2))).toBe(true);
  });

  it('lets a dismissal undo the review it dismisses, which carries the same time, whichever arrives first', () => {
    expect(replacesReview(review('a', 'APPROVED', 5), review('a', 'DISMISSED', 5))).toBe(true);
    expect(replacesReview(review('a', 'DISMISSED', 5), review('a', 'APPROVED', 5))).toBe(false);
    // A dismissal of an older review leaves a newer one standing.
    expect(replacesReview(review('a', 'CHANGES_REQUESTED', 9), review('a', 'DISMISSED', 5))).toBe(false);
  });

  it('folds a history of reviews, in any order, to one per person, for at most 50 people', () => {
    const history = [review('a', 'COMMENTED', 1), review('a', 'APPROVED', 2), review('b', 'CHANGES_REQUESTED', 3), review('a', 'COMMENTED', 4), review('b', 'APPROVED', 5)];
    const expected = [review('a', 'APPROVED', 2), review('b', 'APPROVED', 5)];
    expect(reviewsThatCount(history)).toEqual(expected);
    expect(reviewsThatCount([...history].reverse()).sort((x, y) => x.reviewerId.localeCompare(y.reviewerId))).toEqual(expected);
    const crowd = Array.from({ length: 80 }, (_, n) => review(`r${n}`, 'APPROVED', n));
    expect(reviewsThatCount(crowd)).toHaveLength(MAX_REVIEWERS_PER_PULL_REQUEST);
  });
});

describe('reviewPrecedence', () => {
  it('orders being asked, then comments, then decisions by time, as one number below 2^53', () => {
    const asked = reviewPrecedence(review('a', 'PENDING', 0));
    const commented = reviewPrecedence(review('a', 'COMMENTED', Date.parse('2030-01-01T00:00:00Z')));
    const approved = reviewPrecedence(review('a', 'APPROVED', Date.parse('2020-01-01T00:00:00Z')));
    const takenBack = reviewPrecedence(review('a', 'PENDING', Date.parse('2020-01-02T00:00:00Z')));
    expect([asked, commented, approved, takenBack]).toEqual([...[asked, commented, approved, takenBack]].sort((x, y) => x - y));
    expect(new Set([asked, commented, approved, takenBack]).size).toBe(4);
    expect(Number.isSafeInteger(reviewPrecedence(review('a', 'DISMISSED', Date.parse('2999-12-31T00:00:00Z'))))).toBe(true);
  });
});
