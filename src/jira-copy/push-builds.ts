import { linkedIssueKeys } from '../dev-info/repository-links';
import { jiraReply } from '../jira-rest/jira-reply';
import { route, type JiraClient } from '../ports/jira';
import type { Ports } from '../ports/ports';
import type { DevinfoOutboxTable } from '../storage/schema';
import { BUILDS_PER_REQUEST, jiraBuild, jiraDeployment } from './build-payload';
import { dueOutboxRows, OUTBOX_BATCH, outboxBookkeeping, type OutboxRow } from './outbox-rows';

/** The outbox's kinds this pushes; push-devinfo.ts leaves them alone. */
export const BUILD_ITEM_KINDS: Array<DevinfoOutboxTable['item_kind']> = ['build', 'deployment'];

export interface BuildPushResult {
  sent: number;
  failed: number;
  more: boolean;
  retryAfterSeconds?: number;
}

/**
 * Removes every build and deployment this app sent for a repository from Jira: each was sent with the
 * property `dvcsRepository` (the repository's id), which Jira's delete by properties matches
 * (`DELETE /rest/builds/0.1/bulkByProperties`, `DELETE /rest/deployments/0.1/bulkByProperties`,
 * jira-software.v3.json; Jira answers 202 and deletes asynchronously). Deleting what Jira never had is fine.
 */
export async function deleteRepositoryBuilds(jira: JiraClient, repositoryId: string): Promise<void> {
  const builds = await jira.requestJira(route`/rest/builds/0.1/bulkByProperties?dvcsRepository=${repositoryId}`, { method: 'DELETE' });
  if (builds.status !== 404) await jiraReply(builds, 'Removing builds from Jira');
  const deployments = await jira.requestJira(route`/rest/deployments/0.1/bulkByProperties?dvcsRepository=${repositoryId}`, { method: 'DELETE' });
  if (deployments.status !== 404) await jiraReply(deployments, 'Removing deployments from Jira');
}

/**
 * Sends queued builds and deployments of mirroring accounts to Jira's builds and deployments APIs, a
 * request per repository and kind (at most 100 items each). A row is removed once Jira accepted it and only
 * if nothing changed it meanwhile; refusals back off as development information does. An item that no
 * longer links to an issue is dropped from the queue: Jira keeps what it had, since its builds and
 * deployments APIs delete one build or deployment only by Jira's own key. A whole repository's go when it
 * is unlinked or the copy switched off (`deleteRepositoryBuilds`, through the outbox's repository row).
 */
export async function pushBuilds(ports: Ports): Promise<BuildPushResult> {
  const { db } = ports.database;
  const now = ports.clock.now();
  const rows = await dueOutboxRows(db, now, { in: BUILD_ITEM_KINDS });
  const result: BuildPushResult = { sent: 0, failed: 0, more: rows.length === OUTBOX_BATCH };
  const { done, failed, attempt } = outboxBookkeeping(db, now, result);

  const groups = new Map<string, OutboxRow[]>();
  for (const row of rows) groups.set(`${row.repository_id}\n${row.item_kind}`, [...(groups.get(`${row.repository_id}\n${row.item_kind}`) ?? []), row]);
  const jira = ports.jira.asApp();
  for (const group of groups.values()) {
    if (result.retryAfterSeconds) break;
    const repositoryId = group[0]!.repository_id;
    const kind = group[0]!.item_kind === 'build' ? 'build' : 'deployment';
    const repository = await db.selectFrom('repository').select(['url', 'linked']).where('id', '=', repositoryId).executeTakeFirst();
    const keys = group.map((row) => row.item_key);
    const issueKeys = await linkedIssueKeys(ports.database, repositoryId, kind, keys);
    const entities = new Map<string, unknown>();
    if (repository && Number(repository.linked) === 1) {
      if (kind === 'build') {
        for (const row of await db.selectFrom('dev_build').selectAll().where('repository_id', '=', repositoryId).where('build_key', 'in', keys).execute()) {
          const entity = jiraBuild(row, issueKeys.get(row.build_key) ?? [], repository.url);
          if (entity) entities.set(row.build_key, entity);
        }
      } else {
        for (const row of await db.selectFrom('dev_deployment').selectAll().where('repository_id', '=', repositoryId).where('deployment_id', 'in', keys).execute()) {
          const entity = jiraDeployment(row, issueKeys.get(row.deployment_id) ?? [], repository.url);
          if (entity) entities.set(row.deployment_id, entity);
        }
      }
    }
    await done(group.filter((row) => !entities.has(row.item_key)));
    const toSend = group.filter((row) => entities.has(row.item_key));
    for (let start = 0; start < toSend.length && !result.retryAfterSeconds; start += BUILDS_PER_REQUEST) {
      const chunk = toSend.slice(start, start + BUILDS_PER_REQUEST);
      const items = chunk.map((row) => entities.get(row.item_key));
      await attempt(chunk, async () => {
        const response =
          kind === 'build'
            ? await jira.requestJira(route`/rest/builds/0.1/bulk`, { method: 'POST', body: { builds: items, properties: { dvcsRepository: repositoryId } } })
            : await jira.requestJira(route`/rest/deployments/0.1/bulk`, { method: 'POST', body: { deployments: items, properties: { dvcsRepository: repositoryId } } });
        const answer = (await jiraReply(response, kind === 'build' ? 'Sending builds to Jira' : 'Sending deployments to Jira')) as
          { rejectedBuilds?: unknown[]; rejectedDeployments?: unknown[] } | undefined;
        const rejected = (kind === 'build' ? answer?.rejectedBuilds : answer?.rejectedDeployments) ?? [];
        // Jira names refused items by its own key; a request with any refusal is recorded as failing whole.
        if (rejected.length > 0) await failed(chunk, `Jira refused ${rejected.length} of ${chunk.length}: ${JSON.stringify(rejected[0]).slice(0, 500)}`);
        else {
          await done(chunk);
          result.sent += chunk.length;
        }
      });
    }
  }
  return result;
}
