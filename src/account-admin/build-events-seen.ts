import type { Database } from '../storage/database';

/** When each repository's latest stored build and deployment last changed (the host's time); null: none yet. */
export interface BuildEventsSeen {
  lastBuildAt: number | null;
  lastDeploymentAt: number | null;
}

/**
 * Whether build and deployment events arrive, per repository: the newest stored build and deployment, one
 * grouped read of each table. What the admin page says to enable on the host when there are none.
 */
export async function buildEventsSeen(database: Database, repositoryIds: string[]): Promise<Map<string, BuildEventsSeen>> {
  const seen = new Map<string, BuildEventsSeen>(repositoryIds.map((id) => [id, { lastBuildAt: null, lastDeploymentAt: null }]));
  if (repositoryIds.length === 0) return seen;
  const [builds, deployments] = await Promise.all([
    database.db
      .selectFrom('dev_build')
      .select(['repository_id', (eb) => eb.fn.max('updated_at').as('latest')])
      .where('repository_id', 'in', repositoryIds)
      .groupBy('repository_id')
      .execute(),
    database.db
      .selectFrom('dev_deployment')
      .select(['repository_id', (eb) => eb.fn.max('updated_at').as('latest')])
      .where('repository_id', 'in', repositoryIds)
      .groupBy('repository_id')
      .execute(),
  ]);
  for (const row of builds) seen.get(row.repository_id)!.lastBuildAt = Number(row.latest);
  for (const row of deployments) seen.get(row.repository_id)!.lastDeploymentAt = Number(row.latest);
  return seen;
}
