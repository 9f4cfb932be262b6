import { sql, type AliasedSelectQueryBuilder, type JoinBuilder } from 'kysely';
import type { Database } from '../storage/database';
import type { IssueLinkTable } from '../storage/schema';
import { safeHttpUrl } from '../urls/http-url';
import { createPullRequestUrl, DEV_ITEM_KINDS, firstLine, type DevItem, type DevItemKind, type ItemPage } from './dev-info-items';
import type { DevelopmentSummary } from './development-summary';
import { encodeCursor, type ItemCursor } from './item-cursor';

const PAGE_SIZE = 20;

interface ItemRow {
  item_kind: string;
  repository_id: string;
  item_key: string;
  item_time: number | string;
  repository_name: string;
  repository_url: string;
  provider: string;
  message: string | null;
  commit_author: string | null;
  commit_url: string | null;
  branch_url: string | null;
  branch_deleted: number | string | null;
  pr_title: string | null;
  pr_state: string | null;
  pr_source: string | null;
  pr_destination: string | null;
  pr_author: string | null;
  pr_url: string | null;
}

/** One kind's links for an issue, newest first, from `after` on: served by `issue_link_by_time`. */
function linkPage(database: Database, issueKey: string, kind: DevItemKind, after: ItemCursor | null, limit: number) {
  let query = database.db.selectFrom('issue_link').select(['item_kind', 'repository_id', 'item_key', 'item_time']).where('issue_key', '=', issueKey).where('item_kind', '=', kind);
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('item_time', '<', after.time),
        eb.and([
          eb('item_time', '=', after.time),
          eb.or([eb('repository_id', '<', after.repositoryId), eb.and([eb('repository_id', '=', after.repositoryId), eb('item_key', '<', after.itemKey)])]),
        ]),
      ]),
    );
  }
  return query.orderBy('item_time', 'desc').orderBy('repository_id', 'desc').orderBy('item_key', 'desc').limit(limit);
}

/**
 * A pull request link's `item_key` is the number as text; comparing the integer column to it converted
 * (rather than the other way round) keeps the lookup on the pull request's primary key.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any join (of any aliases) that has `p` and `l` in scope
function joinPullRequest<J extends JoinBuilder<any, any>>(database: Database, join: J): J {
  const asInteger = database.dialect === 'mysql' ? sql`cast(l.item_key as signed)` : sql`cast(l.item_key as integer)`;
  return join.onRef('p.repository_id', '=', 'l.repository_id').on('p.number', '=', asInteger) as J;
}

/** Joins a set of link rows to what they point at, in one statement. */
function withItems(database: Database, links: AliasedSelectQueryBuilder<Pick<IssueLinkTable, 'item_kind' | 'repository_id' | 'item_key' | 'item_time'>, 'l'>) {
  return database.db
    .selectFrom(links)
    .innerJoin('repository as r', (join) => join.onRef('r.id', '=', 'l.repository_id').on('r.linked', '=', 1))
    .innerJoin('account as a', 'a.id', 'r.account_id')
    .leftJoin('dev_commit as c', (join) => join.on('l.item_kind', '=', 'commit').onRef('c.repository_id', '=', 'l.repository_id').onRef('c.sha', '=', 'l.item_key'))
    .leftJoin('dev_branch as b', (join) => join.on('l.item_kind', '=', 'branch').onRef('b.repository_id', '=', 'l.repository_id').onRef('b.name', '=', 'l.item_key'))
    .leftJoin('dev_pull_request as p', (join) => joinPullRequest(database, join.on('l.item_kind', '=', 'pull_request')))
    .select([
      'l.item_kind',
      'l.repository_id',
      'l.item_key',
      'l.item_time',
      'r.full_name as repository_name',
      'r.url as repository_url',
      'a.provider',
      'c.message',
      'c.author_name as commit_author',
      'c.url as commit_url',
      'b.url as branch_url',
      'b.deleted as branch_deleted',
      'p.title as pr_title',
      'p.state as pr_state',
      'p.source_branch as pr_source',
      'p.destination_branch as pr_destination',
      'p.author_name as pr_author',
      'p.url as pr_url',
    ])
    .orderBy('l.item_time', 'desc')
    .orderBy('l.repository_id', 'desc')
    .orderBy('l.item_key', 'desc');
}

function toItem(row: ItemRow): DevItem | null {
  const repository = { name: row.repository_name, url: safeHttpUrl(row.repository_url) };
  const time = Number(row.item_time);
  if (row.item_kind === 'commit' && row.message !== null) {
    return {
      kind: 'commit',
      repository,
      sha: row.item_key,
      shortSha: row.item_key.slice(0, 7),
      summary: firstLine(row.message),
      authorName: row.commit_author ?? '',
      time,
      url: safeHttpUrl(row.commit_url),
    };
  }
  if (row.item_kind === 'branch' && row.branch_url !== null && Number(row.branch_deleted) === 0) {
    return {
      kind: 'branch',
      repository,
      name: row.item_key,
      time,
      url: safeHttpUrl(row.branch_url),
      createPullRequestUrl: createPullRequestUrl(row.provider, repository.url, row.item_key),
    };
  }
  if (row.item_kind === 'pull_request' && row.pr_state !== null) {
    return {
      kind: 'pull_request',
      repository,
      number: Number(row.item_key),
      title: row.pr_title ?? '',
      state: row.pr_state as 'OPEN' | 'MERGED' | 'DECLINED',
      sourceBranch: row.pr_source ?? '',
      destinationBranch: row.pr_destination ?? '',
      authorName: row.pr_author ?? '',
      time,
      url: safeHttpUrl(row.pr_url),
    };
  }
  return null;
}

/** Splits rows fetched with one extra per kind into pages, the extra row telling whether more exist. */
function pages(rows: ItemRow[], pageSize: number): Record<DevItemKind, ItemPage> {
  const result = {} as Record<DevItemKind, ItemPage>;
  for (const kind of DEV_ITEM_KINDS) {
    const ofKind = rows.filter((row) => row.item_kind === kind);
    const shown = ofKind.slice(0, pageSize);
    const last = shown[shown.length - 1];
    result[kind] = {
      items: shown.map(toItem).filter((item): item is DevItem => item !== null),
      nextCursor: ofKind.length > pageSize && last ? encodeCursor({ time: Number(last.item_time), repositoryId: last.repository_id, itemKey: last.item_key }) : null,
    };
  }
  return result;
}

const EMPTY_SUMMARY: DevelopmentSummary = { commits: 0, branches: 0, pullRequests: { total: 0, open: 0, merged: 0, declined: 0 }, lastUpdated: null };

/**
 * The counts for a set of issues, in one statement: kinds other than pull requests are counted from the
 * index alone; only pull request links are joined, for their state.
 */
/** Issues counted per statement: at most five rows each (two kinds, three pull request states). */
const SUMMARIES_PER_READ = 200;

export async function readSummaries(database: Database, issueKeys: string[]): Promise<Map<string, DevelopmentSummary>> {
  const result = new Map<string, DevelopmentSummary>();
  for (let start = 0; start < issueKeys.length; start += SUMMARIES_PER_READ) {
    for (const [key, summary] of await readSummaryBatch(database, issueKeys.slice(start, start + SUMMARIES_PER_READ))) result.set(key, summary);
  }
  return result;
}

async function readSummaryBatch(database: Database, issueKeys: string[]): Promise<Map<string, DevelopmentSummary>> {
  const result = new Map<string, DevelopmentSummary>();
  // Only linked repositories count: an unlinked one disappears from the counts at once, while its rows
  // are removed in the background.
  const kindCounts = database.db
    .selectFrom('issue_link as l')
    .innerJoin('repository as r', (join) => join.onRef('r.id', '=', 'l.repository_id').on('r.linked', '=', 1))
    .select(['l.issue_key', 'l.item_kind', sql<string | null>`null`.as('state'), (eb) => eb.fn.countAll<number | string>().as('n'), (eb) => eb.fn.max('l.item_time').as('latest')])
    .where('l.issue_key', 'in', issueKeys)
    .where('l.item_kind', '<>', 'pull_request')
    .groupBy(['l.issue_key', 'l.item_kind']);
  const stateCounts = database.db
    .selectFrom('issue_link as l')
    .innerJoin('repository as r', (join) => join.onRef('r.id', '=', 'l.repository_id').on('r.linked', '=', 1))
    .innerJoin('dev_pull_request as p', (join) => joinPullRequest(database, join))
    .select(['l.issue_key', 'l.item_kind', 'p.state', (eb) => eb.fn.countAll<number | string>().as('n'), (eb) => eb.fn.max('l.item_time').as('latest')])
    .where('l.issue_key', 'in', issueKeys)
    .where('l.item_kind', '=', 'pull_request')
    .groupBy(['l.issue_key', 'l.item_kind', 'p.state']);
  // Both halves select the same columns; Kysely types them apart because they join different tables.
  const rows = await kindCounts.unionAll(stateCounts as never).execute();
  const byIssue = new Map<string, typeof rows>();
  for (const row of rows) byIssue.set(row.issue_key, [...(byIssue.get(row.issue_key) ?? []), row]);
  for (const issueKey of issueKeys) {
    const mine = byIssue.get(issueKey) ?? [];
    const count = (kind: string, state?: string) =>
      mine.filter((row) => row.item_kind === kind && (state === undefined || row.state === state)).reduce((total, row) => total + Number(row.n), 0);
    const latest = mine.map((row) => Number(row.latest ?? 0)).filter((time) => time > 0);
    result.set(issueKey, {
      commits: count('commit'),
      branches: count('branch'),
      pullRequests: { total: count('pull_request'), open: count('pull_request', 'OPEN'), merged: count('pull_request', 'MERGED'), declined: count('pull_request', 'DECLINED') },
      lastUpdated: latest.length > 0 ? Math.max(...latest) : null,
    });
  }
  return result;
}

/** The panel's first view: the counts (one query) and the first page of each kind (one query). */
export async function readPanel(database: Database, issueKey: string, pageSize = PAGE_SIZE) {
  const summary = (await readSummaries(database, [issueKey])).get(issueKey) ?? EMPTY_SUMMARY;
  if (summary.commits + summary.branches + summary.pullRequests.total === 0) {
    return { summary, ...pages([], pageSize) };
  }
  const [first, ...rest] = DEV_ITEM_KINDS.map((kind) => database.db.selectFrom(linkPage(database, issueKey, kind, null, pageSize + 1).as('k')).selectAll());
  const union = rest.reduce((query, next) => query.unionAll(next), first!);
  const rows = (await withItems(database, union.as('l')).execute()) as ItemRow[];
  return { summary, ...pages(rows, pageSize) };
}

/** "Show more": the next page of one kind, in one query. */
export async function readItemPage(database: Database, issueKey: string, kind: DevItemKind, after: ItemCursor, pageSize = PAGE_SIZE): Promise<ItemPage> {
  const rows = (await withItems(database, linkPage(database, issueKey, kind, after, pageSize + 1).as('l')).execute()) as ItemRow[];
  return pages(rows, pageSize)[kind];
}
