import type { Ports } from '../ports/ports';

export interface RepositoryImpact {
  id: string;
  fullName: string;
  commits: number;
  branches: number;
  pullRequests: number;
}

/**
 * What unlinking these repositories of the account takes off the issues, for the confirmation the admin
 * answers first: each one's commits, branches and pull requests that are on an issue, and how many issues
 * lose something. Read when asked (the confirmation), not with every read of the account's page.
 */
export async function unlinkImpact(ports: Ports, accountId: string, repositoryIds: string[]): Promise<{ repositories: RepositoryImpact[]; issues: number }> {
  const { db } = ports.database;
  const repositories = await db
    .selectFrom('repository')
    .select(['id', 'full_name'])
    .where('account_id', '=', accountId)
    .where('id', 'in', repositoryIds)
    .where('linked', '=', 1)
    .orderBy('full_name')
    .orderBy('id')
    .execute();
  if (repositories.length === 0) return { repositories: [], issues: 0 };
  const ids = repositories.map((row) => row.id);
  const [items, issues] = await Promise.all([
    db
      .selectFrom('issue_link')
      .select(['repository_id', 'item_kind', (eb) => eb.fn.count<number | string>('item_key').distinct().as('items')])
      .where('repository_id', 'in', ids)
      .groupBy(['repository_id', 'item_kind'])
      .execute(),
    db
      .selectFrom('issue_link')
      .select((eb) => eb.fn.count<number | string>('issue_key').distinct().as('issues'))
      .where('repository_id', 'in', ids)
      .executeTakeFirst(),
  ]);
  const count = (repositoryId: string, kind: string) => Number(items.find((row) => row.repository_id === repositoryId && row.item_kind === kind)?.items ?? 0);
  return {
    repositories: repositories.map((row) => ({
      id: row.id,
      fullName: row.full_name,
      commits: count(row.id, 'commit'),
      branches: count(row.id, 'branch'),
      pullRequests: count(row.id, 'pull_request'),
    })),
    issues: Number(issues?.issues ?? 0),
  };
}
