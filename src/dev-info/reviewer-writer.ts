import { sql } from 'kysely';
import { MAX_REVIEWERS_PER_PULL_REQUEST } from '../git-hosts/reviews';
import type { Database } from '../storage/database';
import type { PullRequestReviewerTable } from '../storage/schema';
import { batchesBySize, larger, takeIncoming, upsertRows, type ColumnUpdate } from '../storage/upsert';
import type { LinkPlan } from './link-plan';

/**
 * How a stored reviewer changes when a list or a review names them again: the state follows the review with
 * the higher precedence (git-hosts/reviews.ts), then the precedence keeps the higher one. `state` comes first
 * because MySQL assigns left to right and it reads the stored precedence.
 */
const REVIEW_UPDATE: Record<'state' | 'precedence', ColumnUpdate> = {
  state: ({ ref }) => sql`case when ${ref.incoming('precedence')} >= ${ref.existing('precedence')} then ${ref.incoming('state')} else ${ref.existing('state')} end`,
  precedence: ({ incoming, existing }) => larger(incoming, existing),
};

type StoredReviewer = Pick<PullRequestReviewerTable, 'pull_request_number' | 'reviewer_id' | 'requested' | 'state'>;

/**
 * Writes the plan's reviewers: each list of a pull request whose event won (`written`) replaces who is asked
 * (and, when it names everyone, who reviews at all); each review lands on a stored pull request where it is
 * newer than the stored one. A pull request never gets more than MAX_REVIEWERS_PER_PULL_REQUEST people.
 */
export async function writeReviewers(database: Database, plan: LinkPlan, written: ReadonlySet<number>): Promise<void> {
  const lists = plan.reviewerLists.filter((list) => written.has(list.number));
  if (lists.length === 0 && plan.reviews.length === 0) return;
  const { db } = database;
  const numbers = [...new Set([...lists.map((list) => list.number), ...plan.reviews.map((row) => row.pull_request_number)])];
  const stored = await db
    .selectFrom('dev_pull_request_reviewer')
    .select(['pull_request_number', 'reviewer_id', 'requested', 'state'])
    .where('repository_id', '=', plan.repositoryId)
    .where('pull_request_number', 'in', numbers)
    .execute();
  const storedBy = new Map<number, StoredReviewer[]>();
  for (const row of stored) storedBy.set(Number(row.pull_request_number), [...(storedBy.get(Number(row.pull_request_number)) ?? []), row]);

  const listed: PullRequestReviewerTable[] = [];
  const unrequest: StoredReviewer[] = [];
  const remove: StoredReviewer[] = [];
  for (const list of lists) {
    const named = new Set(list.rows.map((row) => row.reviewer_id));
    listed.push(...list.rows);
    for (const row of storedBy.get(list.number) ?? []) {
      if (named.has(row.reviewer_id)) continue;
      // No longer named: gone, when the list names everyone or when they were only ever asked; else no longer asked.
      if (list.complete || row.state === 'PENDING') remove.push(row);
      else if (Number(row.requested) === 1) unrequest.push(row);
    }
  }
  for (const batch of batchesBySize(listed)) {
    await upsertRows(database, 'dev_pull_request_reviewer', batch, ['repository_id', 'pull_request_number', 'reviewer_id'], {
      name: takeIncoming,
      requested: takeIncoming,
      ...REVIEW_UPDATE,
    });
  }
  await setRequested(database, plan.repositoryId, unrequest);
  await removeReviewers(database, plan.repositoryId, remove);

  const reviews = await onStoredPullRequests(database, plan, listed, storedBy, remove);
  for (const batch of batchesBySize(reviews)) {
    // A review leaves `requested` as the host's list last said.
    await upsertRows(database, 'dev_pull_request_reviewer', batch, ['repository_id', 'pull_request_number', 'reviewer_id'], { name: takeIncoming, ...REVIEW_UPDATE });
  }
}

/** The plan's reviews of pull requests that are stored, dropping newcomers to a pull request that has its fill of people. */
async function onStoredPullRequests(
  database: Database,
  plan: LinkPlan,
  listed: PullRequestReviewerTable[],
  storedBy: Map<number, StoredReviewer[]>,
  removed: StoredReviewer[],
): Promise<PullRequestReviewerTable[]> {
  if (plan.reviews.length === 0) return [];
  const pulls = await database.db
    .selectFrom('dev_pull_request')
    .select('number')
    .where('repository_id', '=', plan.repositoryId)
    .where('number', 'in', [...new Set(plan.reviews.map((row) => row.pull_request_number))])
    .execute();
  const exists = new Set(pulls.map((row) => Number(row.number)));
  const gone = new Set(removed.map((row) => `${row.pull_request_number}\n${row.reviewer_id}`));
  const people = new Map<number, Set<string>>();
  const peopleOf = (number: number) => {
    let set = people.get(number);
    if (!set) {
      set = new Set([
        ...(storedBy.get(number) ?? []).filter((row) => !gone.has(`${number}\n${row.reviewer_id}`)).map((row) => row.reviewer_id),
        ...listed.filter((row) => row.pull_request_number === number).map((row) => row.reviewer_id),
      ]);
      people.set(number, set);
    }
    return set;
  };
  return plan.reviews.filter((row) => {
    if (!exists.has(row.pull_request_number)) return false;
    const set = peopleOf(row.pull_request_number);
    if (!set.has(row.reviewer_id) && set.size >= MAX_REVIEWERS_PER_PULL_REQUEST) return false;
    set.add(row.reviewer_id);
    return true;
  });
}

async function setRequested(database: Database, repositoryId: string, rows: StoredReviewer[]): Promise<void> {
  for (const [number, ids] of groupByPullRequest(rows)) {
    await database.db
      .updateTable('dev_pull_request_reviewer')
      .set({ requested: 0 })
      .where('repository_id', '=', repositoryId)
      .where('pull_request_number', '=', number)
      .where('reviewer_id', 'in', ids)
      .execute();
  }
}

async function removeReviewers(database: Database, repositoryId: string, rows: StoredReviewer[]): Promise<void> {
  for (const [number, ids] of groupByPullRequest(rows)) {
    await database.db
      .deleteFrom('dev_pull_request_reviewer')
      .where('repository_id', '=', repositoryId)
      .where('pull_request_number', '=', number)
      .where('reviewer_id', 'in', ids)
      .execute();
  }
}

function groupByPullRequest(rows: StoredReviewer[]): Map<number, string[]> {
  const groups = new Map<number, string[]>();
  for (const row of rows) groups.set(Number(row.pull_request_number), [...(groups.get(Number(row.pull_request_number)) ?? []), row.reviewer_id]);
  return groups;
}
