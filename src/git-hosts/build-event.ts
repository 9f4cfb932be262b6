/**
 * Builds and deployments as the hosts report them, in Jira's terms: the states of Jira's builds and
 * deployments APIs (jira-software.v3.json, `/rest/builds/0.1/bulk`, `/rest/deployments/0.1/bulk`) and its
 * environment types. The normalisers produce these; the store keeps the one that ranks highest.
 */
export type BuildState = 'pending' | 'in_progress' | 'successful' | 'failed' | 'cancelled' | 'unknown';

export type DeploymentState = 'pending' | 'in_progress' | 'successful' | 'failed' | 'cancelled' | 'rolled_back' | 'unknown';

/** Jira's environment types, in the order a change reaches them: the furthest is the last. */
const ENVIRONMENT_TYPES = ['unmapped', 'development', 'testing', 'staging', 'production'] as const;
export type EnvironmentType = (typeof ENVIRONMENT_TYPES)[number];

/** Pull requests one build names at most (GitHub lists those whose head is the commit). */
export const MAX_PULL_REQUESTS_PER_BUILD = 10;
/** Jira's `displayName`, `pipelineId` and environment names are at most 255 characters. */
export const MAX_BUILD_NAME = 255;

/** One run of one pipeline on one commit. */
export interface BuildData {
  /** The host's id for the run, unique in the repository (`workflow_run/1589141559`); at most 255 characters. */
  buildKey: string;
  /** What groups runs (Jira's `pipelineId`): the workflow, the check's name, the status context. */
  pipelineKey: string;
  /** The run's number in its pipeline (Jira's `buildNumber`). */
  buildNumber: number;
  name: string;
  state: BuildState;
  commitSha: string;
  /** The branch the run was for, when the host says; '' otherwise. */
  branch: string;
  pullRequestNumbers: number[];
  url: string;
  /** The host's last-updated time (epoch ms): what orders out-of-order deliveries. */
  updatedAt: number;
}

/** One deployment of one commit to one environment. */
export interface DeploymentData {
  /** The host's id for the deployment, unique in the repository. */
  deploymentId: string;
  /** Increases with each deployment (Jira's `deploymentSequenceNumber`). */
  sequenceNumber: number;
  /** What deployed it (GitHub's `task`, the Pipelines step): Jira's pipeline. */
  pipelineName: string;
  environmentName: string;
  environmentType: EnvironmentType;
  state: DeploymentState;
  commitSha: string;
  /** The branch or tag deployed, when the host says; '' otherwise. */
  ref: string;
  url: string;
  description: string;
  updatedAt: number;
}

const BUILD_STATE_RANK: Record<BuildState, number> = { unknown: 0, pending: 1, in_progress: 2, successful: 3, failed: 3, cancelled: 3 };
const DEPLOYMENT_STATE_RANK: Record<DeploymentState, number> = { unknown: 0, pending: 1, in_progress: 2, successful: 3, failed: 3, cancelled: 3, rolled_back: 4 };

/**
 * Where an update stands, as one number: the host's updated time first, then the state's rank, so a late
 * `in_progress` never replaces a `failed` stamped at the same instant or later, and a re-run (stamped later)
 * does. The store keeps the row whose precedence is highest (dev-info/build-writer.ts); below 2^53 until
 * the year 3000.
 */
export function buildPrecedence(build: Pick<BuildData, 'state' | 'updatedAt'>): number {
  return clampTime(build.updatedAt) * 8 + BUILD_STATE_RANK[build.state];
}

export function deploymentPrecedence(deployment: Pick<DeploymentData, 'state' | 'updatedAt'>): number {
  return clampTime(deployment.updatedAt) * 8 + DEPLOYMENT_STATE_RANK[deployment.state];
}

const clampTime = (time: number) => Math.max(0, Math.min(Math.trunc(time), 2 ** 45 - 1));

/**
 * The names Jira's own GitHub integration reads as each environment type (atlassian/github-for-jira,
 * src/transforms/transform-deployment.ts `mapEnvironment`; docs/deployments.md "Environment mapping"), tried
 * in this order: the first type one of whose names is a word of the environment's name wins.
 */
const ENVIRONMENT_NAMES: Array<[EnvironmentType, ReadonlySet<string>]> = [
  ['development', new Set(['development', 'dev', 'trunk'])],
  ['testing', new Set(['testing', 'test', 'tests', 'tst', 'integration', 'integ', 'intg', 'int', 'acceptance', 'accept', 'acpt', 'qa', 'qc', 'control', 'quality', 'uat', 'sit'])],
  ['staging', new Set(['staging', 'stage', 'stg', 'preprod', 'model', 'internal'])],
  ['production', new Set(['production', 'prod', 'prd', 'live'])],
];

/**
 * The environment type an environment's name means (`prod-east` → production, `qa:mary` → testing,
 * `Produção` → production after accents are dropped), or `unmapped`. Words are runs of ASCII letters and
 * digits, as in Jira's rule (`^(.*[^a-z0-9])?(names)([^a-z0-9].*)?$`, case-insensitive); found with one
 * split rather than that regex, and only within the first MAX_BUILD_NAME characters.
 */
export function environmentTypeOf(name: string): EnvironmentType {
  const words = new Set(
    name
      .slice(0, MAX_BUILD_NAME)
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .split(/[^a-z0-9]+/),
  );
  for (const [type, names] of ENVIRONMENT_NAMES) {
    for (const word of words) if (names.has(word)) return type;
  }
  return 'unmapped';
}

/** How far along the path to production an environment type is: the summary names the furthest reached. */
export const environmentRank = (type: EnvironmentType) => ENVIRONMENT_TYPES.indexOf(type);

/** `text` cut to `max` characters (the last one an ellipsis): names and descriptions come from whoever pushed. */
export function cutText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * A host's word for a state, in Jira's terms, from a table of the words the host documents; any other word is
 * `unknown`. Own keys only: a word such as `constructor` or `__proto__` from a payload is just unknown.
 */
export function inJiraTerms<State extends string>(table: Readonly<Record<string, State>>, word: string): State | 'unknown' {
  return Object.hasOwn(table, word) ? table[word]! : 'unknown';
}

/** A key part (a status's key, a check's name) longer than this is cut in a build's key, which is a key column. */
export const MAX_KEY_PART = 180;

/**
 * A commit status as a build (GitHub's `status`, Bitbucket's commit statuses): one key on one commit is one build,
 * updated in place, as the hosts keep only the latest status of each key; its pipeline is that key on that commit,
 * numbered 1, because the hosts number neither.
 */
export function commitStatusBuild(status: { sha: string; key: string } & Pick<BuildData, 'name' | 'state' | 'branch' | 'url' | 'updatedAt'>): BuildData {
  const statusKey = `status/${status.sha}/${cutText(status.key, MAX_KEY_PART)}`;
  return {
    buildKey: statusKey,
    pipelineKey: statusKey,
    buildNumber: 1,
    name: status.name,
    state: status.state,
    commitSha: status.sha,
    branch: status.branch,
    pullRequestNumbers: [],
    url: status.url,
    updatedAt: status.updatedAt,
  };
}
