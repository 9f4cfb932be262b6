import { environmentRank, type BuildState, type DeploymentState, type EnvironmentType } from '../git-hosts/build-event';
import type { Database } from '../storage/database';
import { safeHttpUrl } from '../urls/http-url';
import { buildPullRequests } from './build-rows';

/** Builds and deployments one panel answer lists at most: the latest of each branch, of each environment. */
const MAX_SHOWN = 50;
/** Rows read per issue at most, newest first: older runs are superseded by these. */
const MAX_READ_PER_ISSUE = 500;
/** Rows one summary batch reads at most, whatever the number of issues. */
const MAX_READ_PER_BATCH = 5000;

/** The latest build of a branch (and of the pull requests it ran for), as the panel shows it. */
export interface BuildView {
  repository: string;
  branch: string;
  pullRequests: number[];
  name: string;
  state: BuildState;
  time: number;
  url: string | null;
  shortSha: string;
}

/** The latest deployment to one environment, as the panel shows it. */
export interface DeploymentView {
  repository: string;
  environmentName: string;
  environmentType: EnvironmentType;
  pipeline: string;
  state: DeploymentState;
  time: number;
  url: string | null;
}

/** What the summary line and the `dvcs-link.summary` property say of builds and deployments. */
export interface BuildSummary {
  /** Builds and deployments linked to the issue (every run, every environment). */
  builds: number;
  deployments: number;
  /** Builds whose latest run (per repository, branch or commit, and name) failed. */
  failingBuilds: number;
  /** The furthest environment type a deployment of the issue's work reached successfully; null if none. */
  deployedTo: EnvironmentType | null;
}

export const EMPTY_BUILD_SUMMARY: BuildSummary = { builds: 0, deployments: 0, failingBuilds: 0, deployedTo: null };

function linkedBuilds(database: Database, issueKeys: string[], limit: number) {
  return database.db
    .selectFrom('issue_link as l')
    .innerJoin('repository as r', (join) => join.onRef('r.id', '=', 'l.repository_id').on('r.linked', '=', 1))
    .innerJoin('dev_build as b', (join) => join.onRef('b.repository_id', '=', 'l.repository_id').onRef('b.build_key', '=', 'l.item_key'))
    .select(['l.issue_key', 'r.full_name', 'b.repository_id', 'b.name', 'b.state', 'b.branch', 'b.commit_sha', 'b.pull_requests', 'b.url', 'b.updated_at'])
    .where('l.issue_key', 'in', issueKeys)
    .where('l.item_kind', '=', 'build')
    .orderBy('b.updated_at', 'desc')
    .limit(limit)
    .execute();
}

function linkedDeployments(database: Database, issueKeys: string[], limit: number) {
  return database.db
    .selectFrom('issue_link as l')
    .innerJoin('repository as r', (join) => join.onRef('r.id', '=', 'l.repository_id').on('r.linked', '=', 1))
    .innerJoin('dev_deployment as d', (join) => join.onRef('d.repository_id', '=', 'l.repository_id').onRef('d.deployment_id', '=', 'l.item_key'))
    .select(['l.issue_key', 'r.full_name', 'd.repository_id', 'd.environment_name', 'd.environment_type', 'd.pipeline_name', 'd.state', 'd.url', 'd.updated_at'])
    .where('l.issue_key', 'in', issueKeys)
    .where('l.item_kind', '=', 'deployment')
    .orderBy('d.updated_at', 'desc')
    .limit(limit)
    .execute();
}

/** Runs of one pipeline on one branch (or, with no branch, one commit): only the newest counts. */
const pipelineOf = (row: { repository_id: string; branch: string; commit_sha: string; name: string }) => `${row.repository_id}\n${row.branch || row.commit_sha}\n${row.name}`;

/** The latest of each group, in the order given (newest first). */
function latestBy<T>(rows: T[], group: (row: T) => string): T[] {
  const seen = new Set<string>();
  return rows.filter((row) => {
    const key = group(row);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The builds and deployments linked to some issues, newest first (what the summaries and the panel are made from). */
export interface LinkedBuildRows {
  builds: Awaited<ReturnType<typeof linkedBuilds>>;
  deployments: Awaited<ReturnType<typeof linkedDeployments>>;
}

const NO_BUILD_ROWS: LinkedBuildRows = { builds: [], deployments: [] };

/**
 * Failing builds and the furthest environment for each issue, given how many builds and deployments each
 * links (the counts query reads those): two reads for the issues that have any, none otherwise. The rows read
 * are returned too, so that the panel makes its lists from them rather than reading them again.
 */
export async function readBuildSummaries(
  database: Database,
  counts: Map<string, { builds: number; deployments: number }>,
): Promise<{ summaries: Map<string, BuildSummary>; rows: LinkedBuildRows }> {
  const summaries = new Map<string, BuildSummary>();
  for (const [issueKey, count] of counts) summaries.set(issueKey, { ...EMPTY_BUILD_SUMMARY, ...count });
  const issueKeys = [...counts].filter(([, count]) => count.builds + count.deployments > 0).map(([issueKey]) => issueKey);
  if (issueKeys.length === 0) return { summaries, rows: NO_BUILD_ROWS };
  const limit = Math.min(MAX_READ_PER_ISSUE * issueKeys.length, MAX_READ_PER_BATCH);
  const [builds, deployments] = await Promise.all([linkedBuilds(database, issueKeys, limit), linkedDeployments(database, issueKeys, limit)]);
  for (const issueKey of issueKeys) {
    const failing = latestBy(
      builds.filter((row) => row.issue_key === issueKey),
      pipelineOf,
    ).filter((row) => row.state === 'failed').length;
    let deployedTo: EnvironmentType | null = null;
    for (const row of deployments) {
      if (row.issue_key !== issueKey || row.state !== 'successful') continue;
      if (deployedTo === null || environmentRank(row.environment_type) > environmentRank(deployedTo)) deployedTo = row.environment_type;
    }
    summaries.set(issueKey, { ...summaries.get(issueKey)!, failingBuilds: failing, deployedTo });
  }
  return { summaries, rows: { builds, deployments } };
}

/**
 * The panel's builds (the latest of each pipeline on each branch, newest first) and deployments (the latest
 * to each environment, furthest environment first), at most MAX_SHOWN of each, from one issue's rows.
 */
export function buildAndDeploymentViews({ builds, deployments }: LinkedBuildRows): { builds: BuildView[]; deployments: DeploymentView[] } {
  return {
    builds: latestBy(builds, pipelineOf)
      .slice(0, MAX_SHOWN)
      .map((row) => ({
        repository: row.full_name,
        branch: row.branch,
        pullRequests: buildPullRequests(row),
        name: row.name,
        state: row.state,
        time: Number(row.updated_at),
        url: safeHttpUrl(row.url),
        shortSha: row.commit_sha.slice(0, 7),
      })),
    deployments: latestBy(deployments, (row) => `${row.repository_id}\n${row.environment_name}`)
      .slice(0, MAX_SHOWN)
      .sort((a, b) => environmentRank(b.environment_type) - environmentRank(a.environment_type))
      .map((row) => ({
        repository: row.full_name,
        environmentName: row.environment_name,
        environmentType: row.environment_type,
        pipeline: row.pipeline_name,
        state: row.state,
        time: Number(row.updated_at),
        url: safeHttpUrl(row.url),
      })),
  };
}
