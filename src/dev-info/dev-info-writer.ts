import { sql } from 'kysely';
import type { Database } from '../storage/database';
import { batchesBySize, larger, takeIncoming, upsertRows, type ColumnUpdate, type RefPair } from '../storage/upsert';
import type { IssueLinkTable } from '../storage/schema';
import { writeBuildsAndDeployments } from './build-writer';
import { queueDevinfoItems } from './devinfo-outbox';
import { markIssuesChanged } from './issue-summary-outbox';
import type { LinkPlan } from './link-plan';
import { writeReviewers } from './reviewer-writer';

export interface WriteOptions {
  /** The repository's account copies its work to Jira's development information. */
  mirror?: boolean;
  /**
   * The plan comes from the Git host's own listing (backfill, reconciliation): a branch it lists exists,
   * even one deleted here. A webhook is not: its body can be replayed.
   */
  authoritative?: boolean;
}

const stateRank = (state: unknown) => sql`case ${state} when 'MERGED' then 3 when 'DECLINED' then 2 else 1 end`;
const RANK: Record<string, number> = { OPEN: 1, DECLINED: 2, MERGED: 3 };

/**
 * Writes a plan with idempotent upserts, one statement per table and batch, so a replayed or duplicated
 * delivery changes nothing and an interrupted one can simply be sent again. Commits are never deleted:
 * a force-push keeps the commits already shown, and a merged pull request keeps its commits. A pull
 * request's links follow its newest title and branch; a deleted branch stays deleted unless something
 * newer than its deletion says otherwise.
 */
export async function writeLinkPlan(database: Database, plan: LinkPlan, options: WriteOptions = {}): Promise<void> {
  for (const batch of batchesBySize(plan.commits)) {
    await upsertRows(database, 'dev_commit', batch, ['repository_id', 'sha'], {
      message: takeIncoming,
      author_name: takeIncoming,
      author_email: takeIncoming,
      authored_at: takeIncoming,
      url: takeIncoming,
      files_changed: ({ incoming, existing }) => sql`coalesce(${incoming}, ${existing})`,
    });
  }
  await upsertRows(database, 'dev_branch', plan.branches, ['repository_id', 'name'], {
    // First, because it reads the stored head (MySQL assigns left to right): a branch deleted here comes
    // back only with a head it did not have when it was deleted, so a replayed `create` (which carries no
    // head) or an old push does not bring it back.
    deleted: options.authoritative
      ? takeIncoming
      : ({ incoming, ref }) =>
          sql`case when ${ref.existing('deleted')} = 1 and (${ref.incoming('head_sha')} = '' or ${ref.incoming('head_sha')} = ${ref.existing('head_sha')}) then 1 else ${incoming} end`,
    // A `create` event carries no head; keep the one a push brought.
    head_sha: ({ incoming, existing }) => sql`case when ${incoming} = '' then ${existing} else ${incoming} end`,
    url: takeIncoming,
    updated_at: ({ incoming, existing }) => larger(incoming, existing),
  });
  const stillDeleted =
    plan.branches.length > 0 && !options.authoritative
      ? await deletedBranches(
          database,
          plan.repositoryId,
          plan.branches.map((row) => row.name),
        )
      : new Set<string>();
  const pulls = await pullRequestLinks(database, plan);
  for (const batch of batchesBySize(pulls.rows)) {
    await upsertRows(database, 'dev_pull_request', batch, ['repository_id', 'number'], pullRequestUpdate());
  }
  await writeReviewers(database, plan, new Set(pulls.rows.filter((row) => !pulls.stale.has(String(row.number))).map((row) => row.number)));
  const unlinked = plan.deletedBranches.length > 0 ? await markBranchesDeleted(database, plan.repositoryId, plan.deletedBranches) : [];
  const links = plan.links.filter(
    (link) => !(link.item_kind === 'branch' && stillDeleted.has(link.item_key)) && !(link.item_kind === 'pull_request' && pulls.stale.has(link.item_key)),
  );
  links.push(...(await writeBuildsAndDeployments(database, plan)));
  await writeLinks(database, links, plan.plannedAt, [...unlinked, ...pulls.unlinked]);
  if (options.mirror) {
    const items = new Map<string, { kind: IssueLinkTable['item_kind']; key: string }>();
    for (const link of links) items.set(`${link.item_kind}\n${link.item_key}`, { kind: link.item_kind, key: link.item_key });
    for (const name of plan.deletedBranches) items.set(`branch\n${name}`, { kind: 'branch', key: name });
    for (const number of pulls.changed) items.set(`pull_request\n${number}`, { kind: 'pull_request', key: number });
    await queueDevinfoItems(database, plan.repositoryId, [...items.values()], plan.plannedAt);
  }
}

async function deletedBranches(database: Database, repositoryId: string, names: string[]): Promise<Set<string>> {
  const rows = await database.db.selectFrom('dev_branch').select('name').where('repository_id', '=', repositoryId).where('name', 'in', names).where('deleted', '=', 1).execute();
  return new Set(rows.map((row) => row.name));
}

/**
 * Pull requests in the plan against what is stored. An event wins when it is newer than the stored row
 * (or as new and further along), as `pullRequestUpdate` decides in SQL; a winning event's title and branch
 * decide the links, so the links it no longer names are removed (and those issues told). A losing event
 * (an older one arriving late) changes no links. A pull request that names no issue is only written when
 * it is stored already, to update it and take its links away.
 */
async function pullRequestLinks(database: Database, plan: LinkPlan): Promise<{ rows: LinkPlan['pullRequests']; stale: Set<string>; unlinked: string[]; changed: string[] }> {
  const incoming = [...plan.pullRequests, ...plan.unkeyedPullRequests];
  if (incoming.length === 0) return { rows: [], stale: new Set(), unlinked: [], changed: [] };
  const { db } = database;
  const stored = new Map(
    (
      await db
        .selectFrom('dev_pull_request')
        .select(['number', 'updated_at', 'state'])
        .where('repository_id', '=', plan.repositoryId)
        .where(
          'number',
          'in',
          incoming.map((row) => row.number),
        )
        .execute()
    ).map((row) => [Number(row.number), row]),
  );
  const wins = (row: LinkPlan['pullRequests'][number]) => {
    const current = stored.get(row.number);
    if (!current) return true;
    const [mine, theirs] = [Number(row.updated_at), Number(current.updated_at)];
    return mine > theirs || (mine === theirs && (RANK[row.state] ?? 1) >= (RANK[current.state] ?? 1));
  };
  const winners = incoming.filter(wins).map((row) => String(row.number));
  const stale = new Set(incoming.filter((row) => !wins(row)).map((row) => String(row.number)));
  const wanted = new Set(plan.links.filter((link) => link.item_kind === 'pull_request').map((link) => `${link.item_key}\n${link.issue_key}`));
  const existing = winners.length
    ? await db
        .selectFrom('issue_link')
        .select(['item_key', 'issue_key'])
        .where('repository_id', '=', plan.repositoryId)
        .where('item_kind', '=', 'pull_request')
        .where('item_key', 'in', winners)
        .execute()
    : [];
  const removed = existing.filter((link) => !wanted.has(`${link.item_key}\n${link.issue_key}`));
  for (const [itemKey, issueKeys] of groupBy(removed)) {
    await db
      .deleteFrom('issue_link')
      .where('repository_id', '=', plan.repositoryId)
      .where('item_kind', '=', 'pull_request')
      .where('item_key', '=', itemKey)
      .where('issue_key', 'in', issueKeys)
      .execute();
  }
  return {
    rows: [...plan.pullRequests, ...plan.unkeyedPullRequests.filter((row) => stored.has(row.number))],
    stale,
    unlinked: removed.map((link) => link.issue_key),
    changed: [...new Set(removed.map((link) => link.item_key))],
  };
}

function groupBy(links: Array<{ item_key: string; issue_key: string }>): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const link of links) groups.set(link.item_key, [...(groups.get(link.item_key) ?? []), link.issue_key]);
  return groups;
}

/** Writes link rows and marks the issues they (and `alsoChanged`) name for a fresh summary in Jira. */
async function writeLinks(database: Database, links: LinkPlan['links'], now: number, alsoChanged: string[] = []): Promise<void> {
  for (const batch of batchesBySize(links)) {
    await upsertRows(database, 'issue_link', batch, ['issue_key', 'item_kind', 'repository_id', 'item_key'], {
      project_key: takeIncoming,
      item_time: ({ incoming, existing }) => larger(incoming, existing),
    });
  }
  await markIssuesChanged(database, [...links.map((link) => link.issue_key), ...alsoChanged], now);
}

/**
 * A pull request event only wins if it is newer than what is stored (or as new and further along:
 * OPEN < DECLINED < MERGED), and MERGED is final, so a late, older event never reopens a merged request.
 * `state` and `updated_at` come last because the other columns' conditions read their stored values.
 */
function pullRequestUpdate(): Record<string, ColumnUpdate> {
  const wins = (ref: RefPair) =>
    sql`(${ref.incoming('updated_at')} > ${ref.existing('updated_at')} or (${ref.incoming('updated_at')} = ${ref.existing('updated_at')} and ${stateRank(ref.incoming('state'))} >= ${stateRank(ref.existing('state'))}))`;
  const ifWins =
    (column: string): ColumnUpdate =>
    ({ ref }) =>
      sql`case when ${wins(ref)} then ${ref.incoming(column)} else ${ref.existing(column)} end`;
  return {
    title: ifWins('title'),
    source_branch: ifWins('source_branch'),
    destination_branch: ifWins('destination_branch'),
    // GitLab's merge request hook names who acted, not the author, so its events after `open` carry no
    // author (''): a newer event keeps the stored name rather than blanking it, and an older one that names
    // the author (`open`, arriving late) fills a blank one.
    author_name: ({ ref }) =>
      sql`case when ${ref.incoming('author_name')} <> '' and (${wins(ref)} or ${ref.existing('author_name')} = '') then ${ref.incoming('author_name')} else ${ref.existing('author_name')} end`,
    url: ifWins('url'),
    state: ({ ref }) =>
      sql`case when ${ref.existing('state')} = 'MERGED' then ${ref.existing('state')} when ${wins(ref)} then ${ref.incoming('state')} else ${ref.existing('state')} end`,
    updated_at: ({ incoming, existing }) => larger(incoming, existing),
  };
}

/** Returns the issues that lose a link. */
async function markBranchesDeleted(database: Database, repositoryId: string, names: string[]): Promise<string[]> {
  const unlinked = await database.db
    .selectFrom('issue_link')
    .select('issue_key')
    .distinct()
    .where('repository_id', '=', repositoryId)
    .where('item_kind', '=', 'branch')
    .where('item_key', 'in', names)
    .execute();
  await database.db.updateTable('dev_branch').set({ deleted: 1 }).where('repository_id', '=', repositoryId).where('name', 'in', names).execute();
  await database.db.deleteFrom('issue_link').where('repository_id', '=', repositoryId).where('item_kind', '=', 'branch').where('item_key', 'in', names).execute();
  return unlinked.map((row) => row.issue_key);
}
