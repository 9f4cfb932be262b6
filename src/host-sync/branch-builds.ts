import type { HostConnection } from '../accounts/host-connection';
import type { DevEvent, RepositoryRef } from '../git-hosts/dev-event';
import type { RemoteBranch } from '../git-hosts/git-host-client';
import type { LinkPlan } from '../dev-info/link-plan';
import type { Database } from '../storage/database';

/**
 * Branch heads whose builds one reconciliation (or a first backfill) reads at most: at two requests a head on
 * GitHub (statuses and workflow runs) and one on Bitbucket Cloud, GitLab and Bitbucket Data Center, a run costs
 * at most 40 requests more, however many branches moved.
 */
export const MAX_BUILD_READS_PER_RUN = 20;

/**
 * Which heads to read builds for: the branches the store keeps (they name an issue) that moved, and the source
 * branches of the open pull requests it keeps, most recently changed first, at most MAX_BUILD_READS_PER_RUN.
 * A webhook keeps them current from then on; this catches what was missed while none arrived.
 */
export function headsToReadBuildsOf(plan: LinkPlan, listed: RemoteBranch[]): RemoteBranch[] {
  const wanted = new Set([...plan.branches.map((row) => row.name), ...plan.pullRequests.filter((row) => row.state === 'OPEN').map((row) => row.source_branch)]);
  return listed.filter((branch) => wanted.has(branch.name) && branch.headSha).slice(0, MAX_BUILD_READS_PER_RUN);
}

/**
 * Which heads the first backfill reads builds of: the default branch's, then the source branches of the stored
 * open pull requests, newest first, at most MAX_BUILD_READS_PER_RUN (the reconciliation's budget, so a backfill
 * costs at most 40 requests more on GitHub). Two reads: the newest pull requests on the repository's key, and
 * their heads as the branches phase remembered them; a source branch with no head here (a fork's) is skipped.
 */
export async function backfillHeadsToReadBuildsOf(database: Database, repositoryId: string, defaultBranch: string): Promise<RemoteBranch[]> {
  const pulls = await database.db
    .selectFrom('dev_pull_request')
    .select('source_branch')
    .where('repository_id', '=', repositoryId)
    .where('state', '=', 'OPEN')
    .orderBy('number', 'desc')
    .limit(MAX_BUILD_READS_PER_RUN)
    .execute();
  const names = [...new Set([defaultBranch, ...pulls.map((pull) => pull.source_branch)].filter(Boolean))].slice(0, MAX_BUILD_READS_PER_RUN);
  if (names.length === 0) return [];
  const heads = await database.db.selectFrom('branch_head').select(['name', 'head_sha']).where('repository_id', '=', repositoryId).where('name', 'in', names).execute();
  const headOf = new Map(heads.map((head) => [head.name, head.head_sha]));
  return names.flatMap((name) => (headOf.get(name) ? [{ name, headSha: headOf.get(name)!, url: '' }] : []));
}

/** The latest builds on these heads, as events to record; none where the host cannot list them. */
export async function readLatestBuilds(connection: HostConnection, repository: RepositoryRef, heads: RemoteBranch[]): Promise<DevEvent[]> {
  const events: DevEvent[] = [];
  for (const head of heads) {
    const builds = await connection.call(async (host, token) => (host.latestBuilds ? host.latestBuilds(token, repository, head.headSha, head.name) : null));
    if (builds === null) return [];
    events.push(...builds.map((build) => ({ kind: 'build' as const, repository, build })));
  }
  return events;
}
