import { connectAccount, type HostConnection } from '../accounts/host-connection';
import { inScope, type ProjectScope } from '../accounts/project-scope';
import { isAppError } from '../errors/app-error';
import { projectOf } from '../issue-keys/extract-issue-keys';
import type { KeyScan } from '../issue-keys/key-scan';
import type { ProjectKeyDirectory } from '../issue-keys/project-key-directory';
import type { Ports } from '../ports/ports';
import type { DeploymentTable } from '../storage/schema';
import { bounded } from './dev-info-items';
import { MAX_KEYS_PER_ITEM, MAX_STORED_MESSAGE, type LinkPlan } from './link-plan';

/** Deployments of one delivery whose range is read at most: one request each. */
const MAX_RANGES_PER_PLAN = 5;

/**
 * The deployment this one follows: the latest successful deployment of another commit to the same
 * environment, stored before it. One read of the (repository, environment, updated_at) index, newest first.
 */
async function previousDeployment(ports: Ports, row: DeploymentTable): Promise<{ commit_sha: string } | undefined> {
  return ports.database.db
    .selectFrom('dev_deployment')
    .select('commit_sha')
    .where('repository_id', '=', row.repository_id)
    .where('environment_name', '=', row.environment_name)
    .where('updated_at', '<', row.updated_at)
    .where('state', '=', 'successful')
    .where('deployment_id', '<>', row.deployment_id)
    .orderBy('updated_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Adds to each successful deployment of the plan the issues of every commit it brought to its environment:
 * those between the previous successful deployment there (as stored in dev_deployment) and its own commit.
 *
 * The range is read from the Git host (GitHub's compare, `commitsInRange`), one request per deployment and
 * at most 250 commits, not from the store: the store keeps only commits that name an issue, and no parents
 * or branch order, so it cannot tell which stored commits lie between two shas (an authored-time window
 * would take in commits of other branches and miss rebased ones). Keys are read from the messages with the
 * same scan as any commit, kept to the repository's projects, and linked after the deployment's own (its
 * commit's and ref's), at most MAX_KEYS_PER_ITEM in all. A range over 250 commits is cut to the oldest 250,
 * which GitHub's unpaged compare lists: the deployed commit's own issues still come first.
 * Where the host has no such read, the previous deployment is unknown (the first, or one that linked to no
 * issue and so was not kept), or the host refuses, the deployment links as before: to its commit and ref.
 */
export async function addDeploymentRanges(ports: Ports, projectKeys: ProjectKeyDirectory, scope: ProjectScope, plan: LinkPlan, scan: KeyScan): Promise<void> {
  const successful = plan.deployments.filter(({ row }) => row.state === 'successful' && row.commit_sha).slice(0, MAX_RANGES_PER_PLAN);
  if (successful.length === 0) return;
  const repository = await ports.database.db
    .selectFrom('repository')
    .select(['account_id', 'provider_repo_id', 'full_name', 'url'])
    .where('id', '=', plan.repositoryId)
    .executeTakeFirst();
  if (!repository) return;
  const ref = { providerRepoId: repository.provider_repo_id, fullName: repository.full_name, url: repository.url };
  // Connected once, when a range is first read: the account and its credential are loaded once a delivery.
  let connection: HostConnection | undefined;
  for (const deployment of successful) {
    const previous = await previousDeployment(ports, deployment.row);
    if (!previous?.commit_sha || previous.commit_sha === deployment.row.commit_sha) continue;
    let messages: string[];
    try {
      connection ??= await connectAccount(ports, repository.account_id);
      const range = await connection.call((host, token) =>
        host.commitsInRange ? host.commitsInRange(token, ref, previous.commit_sha, deployment.row.commit_sha) : Promise.resolve(null),
      );
      if (range === null) return;
      messages = range.commits.map((commit) => bounded(commit.message, MAX_STORED_MESSAGE));
    } catch (error) {
      // The deployment is stored either way; only its range is unknown (a force-pushed base, a refusal).
      if (!isAppError(error)) throw error;
      ports.log.warn('deployment range not read', { repositoryId: plan.repositoryId, code: error.code });
      continue;
    }
    const known = await projectKeys.keysFor(messages, scan);
    const keys = new Set<string>();
    // Newest first: past the bound, the issues nearest the deployed commit are the ones kept.
    for (const message of messages.reverse()) {
      for (const key of scan.keys(message, known)) {
        if (keys.size >= MAX_KEYS_PER_ITEM) break;
        if (inScope(scope, projectOf(key))) keys.add(key);
      }
    }
    deployment.rangeKeys = [...keys];
  }
}
