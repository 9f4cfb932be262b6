import type { Database } from '../ports/database';

export interface DevelopmentSummary {
  commits: number;
  branches: number;
  pullRequests: { total: number; open: number; merged: number; declined: number };
  lastUpdated: number | null;
}

/** Counts for one issue, read through `issue_link`'s primary key (issue_key first). */
export async function readDevelopmentSummary({ db }: Database, issueKey: string): Promise<DevelopmentSummary> {
  const kinds = await db
    .selectFrom('issue_link')
    .select(['item_kind', (eb) => eb.fn.countAll<number | string>().as('n'), (eb) => eb.fn.max('item_time').as('latest')])
    .where('issue_key', '=', issueKey)
    .groupBy('item_kind')
    .execute();
  const states = await db
    .selectFrom('issue_link')
    .innerJoin('dev_pull_request', (join) =>
      join
        .onRef('dev_pull_request.repository_id', '=', 'issue_link.repository_id')
        .on((eb) => eb(eb.cast('dev_pull_request.number', 'char'), '=', eb.ref('issue_link.item_key'))),
    )
    .select(['dev_pull_request.state', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('issue_link.issue_key', '=', issueKey)
    .where('issue_link.item_kind', '=', 'pull_request')
    .groupBy('dev_pull_request.state')
    .execute();

  const count = (kind: string) => Number(kinds.find((row) => row.item_kind === kind)?.n ?? 0);
  const state = (name: string) => Number(states.find((row) => row.state === name)?.n ?? 0);
  const latest = kinds.map((row) => Number(row.latest ?? 0)).filter((time) => time > 0);
  return {
    commits: count('commit'),
    branches: count('branch'),
    pullRequests: { total: count('pull_request'), open: state('OPEN'), merged: state('MERGED'), declined: state('DECLINED') },
    lastUpdated: latest.length > 0 ? Math.max(...latest) : null,
  };
}
