import { sql } from 'kysely';
import type { Database } from '../storage/database';
import { DEV_ITEM_KINDS, type DevItemKind, type ItemFilter, type ItemPage } from './dev-info-items';
import { buildAndDeploymentViews, EMPTY_BUILD_SUMMARY, readBuildSummaries, type LinkedBuildRows } from './build-reader';
import type { DevelopmentSummary } from './development-summary';
import type { ItemCursor } from './item-cursor';
import { linkedNumber, readKindPage } from './item-pages';

/** Items of each kind the panel opens with: the newest, as Jira's own Development panel shows them. */
const SUMMARY_ITEMS = 3;
/** Items a full list loads at a time: 148 commits are two pages. */
const PAGE_SIZE = 100;
/** Repositories offered in a list's filter at most. */
const MAX_FILTER_REPOSITORIES = 200;

const EMPTY_SUMMARY: DevelopmentSummary = { commits: 0, branches: 0, pullRequests: { total: 0, open: 0, merged: 0, declined: 0 }, lastUpdated: null, ...EMPTY_BUILD_SUMMARY };

/** Issues counted per statement: at most five rows each (two kinds, three pull request states). */
const SUMMARIES_PER_READ = 200;

/**
 * The counts for a set of issues, a statement per 200: commits and branches are counted from the index and
 * the repository's row; only pull request links are joined, for their state.
 */
export async function readSummaries(database: Database, issueKeys: string[]): Promise<Map<string, DevelopmentSummary>> {
  const result = new Map<string, DevelopmentSummary>();
  for (let start = 0; start < issueKeys.length; start += SUMMARIES_PER_READ) {
    for (const [key, summary] of (await readSummaryBatch(database, issueKeys.slice(start, start + SUMMARIES_PER_READ))).summaries) result.set(key, summary);
  }
  return result;
}

/** At most SUMMARIES_PER_READ issues' counts, and the build and deployment rows their summaries were made from. */
async function readSummaryBatch(database: Database, issueKeys: string[]): Promise<{ summaries: Map<string, DevelopmentSummary>; buildRows: LinkedBuildRows }> {
  const result = new Map<string, DevelopmentSummary>();
  // Only linked repositories count: an unlinked one disappears from the counts at once, while its rows
  // are removed in the background.
  // A commit in several repositories (a fork, a mirror) counts once, as the panel lists it once.
  const commitCounts = database.db
    .selectFrom('issue_link as l')
    .innerJoin('repository as r', (join) => join.onRef('r.id', '=', 'l.repository_id').on('r.linked', '=', 1))
    .select([
      'l.issue_key',
      'l.item_kind',
      sql<string | null>`null`.as('state'),
      (eb) => eb.fn.count<number | string>('l.item_key').distinct().as('n'),
      (eb) => eb.fn.max('l.item_time').as('latest'),
    ])
    .where('l.issue_key', 'in', issueKeys)
    .where('l.item_kind', '=', 'commit')
    .groupBy(['l.issue_key', 'l.item_kind']);
  const branchCounts = database.db
    .selectFrom('issue_link as l')
    .innerJoin('repository as r', (join) => join.onRef('r.id', '=', 'l.repository_id').on('r.linked', '=', 1))
    .select(['l.issue_key', 'l.item_kind', sql<string | null>`null`.as('state'), (eb) => eb.fn.countAll<number | string>().as('n'), (eb) => eb.fn.max('l.item_time').as('latest')])
    .where('l.issue_key', 'in', issueKeys)
    .where('l.item_kind', '=', 'branch')
    .groupBy(['l.issue_key', 'l.item_kind']);
  const stateCounts = database.db
    .selectFrom('issue_link as l')
    .innerJoin('repository as r', (join) => join.onRef('r.id', '=', 'l.repository_id').on('r.linked', '=', 1))
    .innerJoin('dev_pull_request as p', (join) => join.onRef('p.repository_id', '=', 'l.repository_id').on('p.number', '=', linkedNumber(database)))
    .select(['l.issue_key', 'l.item_kind', 'p.state', (eb) => eb.fn.countAll<number | string>().as('n'), (eb) => eb.fn.max('l.item_time').as('latest')])
    .where('l.issue_key', 'in', issueKeys)
    .where('l.item_kind', '=', 'pull_request')
    .groupBy(['l.issue_key', 'l.item_kind', 'p.state']);
  const buildCounts = database.db
    .selectFrom('issue_link as l')
    .innerJoin('repository as r', (join) => join.onRef('r.id', '=', 'l.repository_id').on('r.linked', '=', 1))
    .select(['l.issue_key', 'l.item_kind', sql<string | null>`null`.as('state'), (eb) => eb.fn.countAll<number | string>().as('n'), sql<number | null>`null`.as('latest')])
    .where('l.issue_key', 'in', issueKeys)
    .where('l.item_kind', 'in', ['build', 'deployment'])
    .groupBy(['l.issue_key', 'l.item_kind']);
  // Every part selects the same columns; Kysely types them apart because they join different tables.
  const rows = await commitCounts
    .unionAll(branchCounts)
    .unionAll(stateCounts as never)
    .unionAll(buildCounts as never)
    .execute();
  const byIssue = new Map<string, typeof rows>();
  for (const row of rows) byIssue.set(row.issue_key, [...(byIssue.get(row.issue_key) ?? []), row]);
  const count = (issueKey: string, kind: string, state?: string) =>
    (byIssue.get(issueKey) ?? []).filter((row) => row.item_kind === kind && (state === undefined || row.state === state)).reduce((total, row) => total + Number(row.n), 0);
  const { summaries: buildSummaries, rows: buildRows } = await readBuildSummaries(
    database,
    new Map(issueKeys.map((issueKey) => [issueKey, { builds: count(issueKey, 'build'), deployments: count(issueKey, 'deployment') }])),
  );
  for (const issueKey of issueKeys) {
    const mine = byIssue.get(issueKey) ?? [];
    const latest = mine.map((row) => Number(row.latest ?? 0)).filter((time) => time > 0);
    result.set(issueKey, {
      commits: count(issueKey, 'commit'),
      branches: count(issueKey, 'branch'),
      pullRequests: {
        total: count(issueKey, 'pull_request'),
        open: count(issueKey, 'pull_request', 'OPEN'),
        merged: count(issueKey, 'pull_request', 'MERGED'),
        declined: count(issueKey, 'pull_request', 'DECLINED'),
      },
      lastUpdated: latest.length > 0 ? Math.max(...latest) : null,
      ...(buildSummaries.get(issueKey) ?? EMPTY_BUILD_SUMMARY),
    });
  }
  return { summaries: result, buildRows };
}

/** The linked repositories with work on the issue, by name: what a full list can be narrowed to. */
function repositoriesOf(database: Database, issueKey: string) {
  return database.db
    .selectFrom('repository as r')
    .select(['r.id', 'r.full_name as name'])
    .where('r.linked', '=', 1)
    .where('r.id', 'in', database.db.selectFrom('issue_link').select('repository_id').where('issue_key', '=', issueKey))
    .orderBy('r.full_name')
    .limit(MAX_FILTER_REPOSITORIES)
    .execute();
}

/**
 * The panel's first view: the counts (one query), then, only if there is anything, the newest few items of
 * each kind and the repositories to filter by, asked at once (a query each, and one each for the branches'
 * open pull requests and the pull requests' reviewers).
 */
export async function readPanel(database: Database, issueKey: string, newest = SUMMARY_ITEMS) {
  const { summaries, buildRows } = await readSummaryBatch(database, [issueKey]);
  const summary = summaries.get(issueKey) ?? EMPTY_SUMMARY;
  const counts: Record<DevItemKind, number> = { commit: summary.commits, branch: summary.branches, pull_request: summary.pullRequests.total };
  const empty: ItemPage = { items: [], nextCursor: null };
  if (counts.commit + counts.branch + counts.pull_request === 0)
    return { summary, repositories: [], commit: empty, branch: empty, pull_request: empty, builds: [], deployments: [] };
  // The builds and deployments are those the summary was counted from: one issue's, at most MAX_READ_PER_ISSUE each.
  const { builds, deployments } = buildAndDeploymentViews(buildRows);
  const [repositories, ...pages] = await Promise.all([
    repositoriesOf(database, issueKey),
    ...DEV_ITEM_KINDS.map((kind) => (counts[kind] > 0 ? readKindPage(database, issueKey, kind, null, newest) : Promise.resolve(empty))),
  ]);
  const [commit = empty, branch = empty, pull_request = empty] = pages;
  return { summary, repositories, commit, branch, pull_request, builds, deployments };
}

/** A full list's page: the first (no cursor) or the next, narrowed by the filter; one query, and one for the open pull requests or reviewers. */
export function readItemPage(database: Database, issueKey: string, kind: DevItemKind, after: ItemCursor | null, pageSize = PAGE_SIZE, filter: ItemFilter = {}): Promise<ItemPage> {
  return readKindPage(database, issueKey, kind, after, pageSize, filter);
}
