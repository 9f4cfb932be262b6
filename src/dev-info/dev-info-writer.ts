import { sql } from 'kysely';
import type { Database } from '../ports/database';
import { batchesBySize, larger, takeIncoming, upsertRows, type ColumnUpdate, type RefPair } from '../storage/upsert';
import { queueDevinfoItems, type DevinfoItemKind } from '../jira-sync/devinfo-outbox';
import { markIssuesChanged } from '../jira-sync/issue-summary-outbox';
import type { LinkPlan } from './link-plan';

export interface WriteOptions {
  /** The repository's account copies its work to Jira's development information. */
  mirror?: boolean;
}

const stateRank = (state: unknown) => sql`case ${state} when 'MERGED' then 3 when 'DECLINED' then 2 else 1 end`;

/**
 * Writes a plan with idempotent upserts, one statement per table and batch, so a replayed or duplicated
 * delivery changes nothing and an interrupted one can simply be sent again. Items are never deleted:
 * a force-push keeps the commits already shown, and a merged pull request keeps its commits.
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
    // A `create` event carries no head; keep the one a push brought.
    head_sha: ({ incoming, existing }) => sql`case when ${incoming} = '' then ${existing} else ${incoming} end`,
    url: takeIncoming,
    deleted: takeIncoming,
    updated_at: ({ incoming, existing }) => larger(incoming, existing),
  });
  for (const batch of batchesBySize(plan.pullRequests)) {
    await upsertRows(database, 'dev_pull_request', batch, ['repository_id', 'number'], pullRequestUpdate());
  }
  const unlinked = plan.deletedBranches.length > 0 ? await markBranchesDeleted(database, plan.repositoryId, plan.deletedBranches) : [];
  await writeLinks(database, plan.links, plan.plannedAt, unlinked);
  if (options.mirror) {
    const items = new Map<string, { kind: DevinfoItemKind; key: string }>();
    for (const link of plan.links) items.set(`${link.item_kind}\n${link.item_key}`, { kind: link.item_kind, key: link.item_key });
    for (const name of plan.deletedBranches) items.set(`branch\n${name}`, { kind: 'branch', key: name });
    await queueDevinfoItems(database, plan.repositoryId, [...items.values()], plan.plannedAt);
  }
}

/** Writes link rows and marks the issues they (and `alsoChanged`) name for a fresh summary in Jira. */
export async function writeLinks(database: Database, links: LinkPlan['links'], now: number, alsoChanged: string[] = []): Promise<void> {
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
    author_name: ifWins('author_name'),
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
  await database.db
    .deleteFrom('issue_link')
    .where('repository_id', '=', repositoryId)
    .where('item_kind', '=', 'branch')
    .where('item_key', 'in', names)
    .execute();
  return unlinked.map((row) => row.issue_key);
}
