import { sql } from 'kysely';
import { projectOf } from '../issue-keys/extract-issue-keys';
import type { Database } from '../storage/database';
import type { BuildTable, DeploymentTable, IssueLinkTable } from '../storage/schema';
import { batchesBySize, larger, upsertRows, type ColumnUpdate, type RefPair } from '../storage/upsert';
import { buildPullRequests } from './build-rows';
import { MAX_KEYS_PER_ITEM, type LinkPlan } from './link-plan';
import { linkedIssueKeys } from './repository-links';

/**
 * A stored build or deployment changes only for an update of higher precedence (git-hosts/build-event.ts:
 * the host's updated time, then the state's rank), so a late or replayed delivery never takes a finished
 * build back to running, nor a deployment to an older state. `precedence` comes last: MySQL assigns left to
 * right, and every other column's condition reads the stored one.
 */
function ifNewer(columns: string[]): Record<string, ColumnUpdate> {
  const newer = (ref: RefPair) => sql`${ref.incoming('precedence')} > ${ref.existing('precedence')}`;
  return {
    ...Object.fromEntries(
      columns.map((column): [string, ColumnUpdate] => [column, ({ ref }) => sql`case when ${newer(ref)} then ${ref.incoming(column)} else ${ref.existing(column)} end`]),
    ),
    precedence: ({ incoming, existing }) => larger(incoming, existing),
  };
}

const BUILD_UPDATE = ifNewer(['pipeline_key', 'build_number', 'name', 'state', 'commit_sha', 'branch', 'pull_requests', 'url', 'updated_at']);
const DEPLOYMENT_UPDATE = ifNewer(['sequence_number', 'pipeline_name', 'environment_name', 'environment_type', 'state', 'commit_sha', 'ref', 'url', 'description', 'updated_at']);

type ItemKind = 'commit' | 'branch' | 'pull_request';
const itemId = (kind: ItemKind, key: string) => `${kind}\n${key}`;

/**
 * The issues each commit, branch and pull request links to, as stored and as this plan adds: what a build
 * or deployment on them links to. One range read of the (repository, kind, item) index per kind.
 */
async function linkedKeys(database: Database, plan: LinkPlan, wanted: Record<ItemKind, string[]>): Promise<Map<string, string[]>> {
  const keys = new Map<string, Set<string>>();
  const add = (kind: ItemKind, key: string, issueKey: string) => {
    const id = itemId(kind, key);
    keys.set(id, (keys.get(id) ?? new Set()).add(issueKey));
  };
  for (const kind of ['commit', 'branch', 'pull_request'] as const) {
    const items = [...new Set(wanted[kind].filter(Boolean))];
    if (items.length === 0) continue;
    for (const [itemKey, issueKeys] of await linkedIssueKeys(database, plan.repositoryId, kind, items)) for (const issueKey of issueKeys) add(kind, itemKey, issueKey);
    const wantedSet = new Set(items);
    for (const link of plan.links) if (link.item_kind === kind && wantedSet.has(link.item_key)) add(kind, link.item_key, link.issue_key);
  }
  return new Map([...keys].map(([id, set]) => [id, [...set]]));
}

/** At most MAX_KEYS_PER_ITEM distinct keys, those the item names itself first. */
function boundedKeys(...lists: Array<string[] | undefined>): string[] {
  const keys = new Set<string>();
  for (const list of lists) {
    for (const key of list ?? []) {
      if (keys.size >= MAX_KEYS_PER_ITEM) return [...keys];
      keys.add(key);
    }
  }
  return [...keys];
}

const linkRows = (repositoryId: string, kind: 'build' | 'deployment', itemKey: string, time: number, keys: string[]): IssueLinkTable[] =>
  keys.map((issueKey) => ({ issue_key: issueKey, project_key: projectOf(issueKey), item_kind: kind, repository_id: repositoryId, item_key: itemKey, item_time: time }));

/**
 * Writes the plan's builds and deployments that link to an issue, and returns their link rows for the
 * caller to write with the rest. A build links to the issues of the commit it ran on, of its branch (its
 * name, and the stored branch's links) and of the pull requests it ran for; a deployment to those of its
 * commit and of the branch or tag it deployed, then those of the commits it brought (its range). Each at most
 * MAX_KEYS_PER_ITEM. One that links to none is
 * not kept: the panel shows nothing else.
 */
export async function writeBuildsAndDeployments(database: Database, plan: LinkPlan): Promise<IssueLinkTable[]> {
  const { links, builds, deployments } = await buildAndDeploymentLinks(database, plan);
  for (const batch of batchesBySize([...builds.values()])) await upsertRows(database, 'dev_build', batch, ['repository_id', 'build_key'], BUILD_UPDATE);
  for (const batch of batchesBySize([...deployments.values()])) await upsertRows(database, 'dev_deployment', batch, ['repository_id', 'deployment_id'], DEPLOYMENT_UPDATE);
  return links;
}

/**
 * What the plan's builds and deployments link to (as `writeBuildsAndDeployments` says), and the rows of those
 * that link to any issue; nothing is written. Re-linking a repository (relink-repository.ts) compares these
 * links with the stored ones, after its commits, branches and pull requests are re-linked.
 */
export async function buildAndDeploymentLinks(
  database: Database,
  plan: LinkPlan,
): Promise<{ links: IssueLinkTable[]; builds: Map<string, BuildTable>; deployments: Map<string, DeploymentTable> }> {
  if (plan.builds.length === 0 && plan.deployments.length === 0) return { links: [], builds: new Map(), deployments: new Map() };
  const keys = await linkedKeys(database, plan, {
    commit: [...plan.builds.map(({ row }) => row.commit_sha), ...plan.deployments.map(({ row }) => row.commit_sha)],
    branch: [...plan.builds.map(({ row }) => row.branch), ...plan.deployments.map(({ row }) => row.ref)],
    pull_request: plan.builds.flatMap(({ row }) => buildPullRequests(row).map(String)),
  });
  const links: IssueLinkTable[] = [];
  const builds = new Map<string, BuildTable>();
  for (const { row, keys: named } of plan.builds) {
    const issueKeys = boundedKeys(
      named,
      keys.get(itemId('commit', row.commit_sha)),
      row.branch ? keys.get(itemId('branch', row.branch)) : [],
      ...buildPullRequests(row).map((number) => keys.get(itemId('pull_request', String(number)))),
    );
    if (issueKeys.length === 0) continue;
    // Two updates of one build in a delivery: the one of higher precedence is written.
    const current = builds.get(row.build_key);
    if (!current || row.precedence > current.precedence) builds.set(row.build_key, row);
    links.push(...linkRows(plan.repositoryId, 'build', row.build_key, row.updated_at, issueKeys));
  }
  const deployments = new Map<string, DeploymentTable>();
  for (const { row, keys: named, rangeKeys } of plan.deployments) {
    const issueKeys = boundedKeys(named, keys.get(itemId('commit', row.commit_sha)), row.ref ? keys.get(itemId('branch', row.ref)) : [], rangeKeys);
    if (issueKeys.length === 0) continue;
    const current = deployments.get(row.deployment_id);
    if (!current || row.precedence > current.precedence) deployments.set(row.deployment_id, row);
    links.push(...linkRows(plan.repositoryId, 'deployment', row.deployment_id, row.updated_at, issueKeys));
  }
  // The same issue named twice for one item (by its branch and its commit) is one link.
  return { links: [...new Map(links.map((link) => [`${link.item_kind}\n${link.item_key}\n${link.issue_key}`, link])).values()], builds, deployments };
}
