import { parseProjectScope, type ProjectScope } from '../accounts/project-scope';
import type { DevEvent } from '../git-hosts/dev-event';
import { KeyScan } from '../issue-keys/key-scan';
import type { ProjectKeyDirectory } from '../issue-keys/project-key-directory';
import type { Ports } from '../ports/ports';
import type { RepositoryTable } from '../storage/schema';
import { addDeploymentRanges } from './deployment-range';
import { writeLinkPlan } from './dev-info-writer';
import { mirrorsDevelopmentInfo } from './devinfo-outbox';
import { plannedTexts, planLinks, type LinkPlan } from './link-plan';

/** Where events are recorded: the repository, the projects it may link to, and whether its account mirrors to Jira. */
export interface RecordTarget {
  repositoryId: string;
  scope: ProjectScope;
  mirror: boolean;
}

export async function recordTargetOf(ports: Ports, repository: Pick<RepositoryTable, 'id' | 'allowed_project_keys'>): Promise<RecordTarget> {
  return { repositoryId: repository.id, scope: parseProjectScope(repository.allowed_project_keys), mirror: await mirrorsDevelopmentInfo(ports.database, repository.id) };
}

export interface RecordOptions {
  /** Events read from the host's current state (backfill, reconciliation), not replayed from a delivery. */
  authoritative?: boolean;
  /** A scan the caller goes on to use (the smart-commit filter reads the same messages). */
  scan?: KeyScan;
}

/**
 * Stores what events mean for issues: the site's project keys (refreshed if the events name one not known
 * yet), the link plan, and its writes. Every path that learns of commits, branches or pull requests (a
 * delivery, a backfill page, a reconciliation, a branch made from an issue) comes through here.
 */
export async function recordEvents(
  ports: Ports,
  projectKeys: ProjectKeyDirectory,
  target: RecordTarget,
  events: DevEvent[],
  options: RecordOptions = {},
): Promise<{ plan: LinkPlan; projectKeys: ReadonlySet<string> }> {
  const scan = options.scan ?? new KeyScan();
  const keys = await projectKeys.keysFor(plannedTexts(events), scan);
  const plan = planLinks(target.repositoryId, events, keys, ports.clock.now(), target.scope, { scan });
  // A deployment also links to the issues of the commits it brought since the last one (a host read).
  await addDeploymentRanges(ports, projectKeys, target.scope, plan, scan);
  await writeLinkPlan(ports.database, plan, { mirror: target.mirror, authoritative: options.authoritative });
  return { plan, projectKeys: keys };
}
