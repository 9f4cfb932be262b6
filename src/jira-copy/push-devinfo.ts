import { sql } from 'kysely';
import { parseAccountSettings } from '../accounts/account-settings';
import { jiraReply } from '../jira-rest/jira-reply';
import { route } from '../ports/jira';
import type { Ports } from '../ports/ports';
import { dueOutboxRows, OUTBOX_BATCH, outboxBookkeeping, type OutboxRow } from './outbox-rows';
import { BUILD_ITEM_KINDS, deleteRepositoryBuilds } from './push-builds';
import { branchEntity, bulkBody, commitEntity, DEVINFO_ENTITIES_PER_REQUEST, failedEntities, pullRequestEntity, type DevinfoRepository } from './devinfo-payload';

const ENTITY_PATH: Record<string, string> = { commit: 'commit', branch: 'branch', pull_request: 'pull_request' };

export interface DevinfoPushResult {
  sent: number;
  deleted: number;
  failed: number;
  /** More rows were due than one run takes. */
  more: boolean;
  /** Jira asked to slow down (429): wait this long before the next run. */
  retryAfterSeconds?: number;
}

const rowKey = (row: { item_kind: string; item_key: string }) => `${row.item_kind}\n${row.item_key}`;

/**
 * Sends what the outbox holds to Jira's development information: items that still link to an issue are
 * stored (in bulk), others and whole repositories are deleted (a whole repository with its builds and
 * deployments, push-builds.ts). A row is removed only once Jira accepted
 * it and only if nothing changed it meanwhile; failures back off and are shown on the admin page.
 */
export async function pushDevinfo(ports: Ports): Promise<DevinfoPushResult> {
  const { db } = ports.database;
  const now = ports.clock.now();
  // Builds and deployments have their own APIs (push-builds.ts).
  const rows = await dueOutboxRows(db, now, { notIn: BUILD_ITEM_KINDS });
  const result: DevinfoPushResult = { sent: 0, deleted: 0, failed: 0, more: rows.length === OUTBOX_BATCH };
  const byRepository = new Map<string, OutboxRow[]>();
  for (const row of rows) byRepository.set(row.repository_id, [...(byRepository.get(row.repository_id) ?? []), row]);

  const { done, failed, attempt } = outboxBookkeeping(db, now, result);
  const jira = ports.jira.asApp();
  const deleteEntity = async (repositoryId: string, row: OutboxRow) => {
    // A branch name may hold "/": it travels encoded, as one path segment.
    const response =
      row.item_kind === 'repository'
        ? await jira.requestJira(route`/rest/devinfo/0.10/repository/${repositoryId}`, { method: 'DELETE' })
        : await jira.requestJira(route`/rest/devinfo/0.10/repository/${repositoryId}/${ENTITY_PATH[row.item_kind] ?? ''}/${encodeURIComponent(row.item_key)}`, {
            method: 'DELETE',
          });
    // Deleting what Jira never had is fine: the end state is the same.
    if (response.status !== 404) await jiraReply(response, 'Removing development information from Jira');
    if (row.item_kind === 'repository') await deleteRepositoryBuilds(jira, repositoryId);
    result.deleted += 1;
  };

  for (const [repositoryId, repositoryRows] of byRepository) {
    if (result.retryAfterSeconds) break;
    const wholeRepository = repositoryRows.filter((row) => row.item_kind === 'repository');
    if (wholeRepository.length > 0) {
      if (
        await attempt(wholeRepository, async () => {
          await deleteEntity(repositoryId, wholeRepository[0]!);
          await done(wholeRepository);
        })
      )
        continue;
      break;
    }
    const repository = await db
      .selectFrom('repository')
      .innerJoin('account', 'account.id', 'repository.account_id')
      .select(['repository.full_name', 'repository.url', 'repository.linked', 'account.provider', 'account.id as account_id', 'account.settings'])
      .where('repository.id', '=', repositoryId)
      .executeTakeFirst();
    if (!repository || Number(repository.linked) !== 1 || !parseAccountSettings(repository.settings).mirrorDevelopmentInfo) {
      // Mirroring was switched off or the repository unlinked since: that path queued its own deletes.
      await done(repositoryRows);
      continue;
    }
    const target: DevinfoRepository = { id: repositoryId, name: repository.full_name, url: repository.url, provider: repository.provider, accountId: repository.account_id };
    const keysOf = (kind: string) => repositoryRows.filter((row) => row.item_kind === kind).map((row) => row.item_key);
    const [links, commits, branches, pulls] = await Promise.all([
      // One read per kind, so each is a range of the (repository, kind, item) index.
      Promise.all(
        (['commit', 'branch', 'pull_request'] as const)
          .filter((kind) => keysOf(kind).length > 0)
          .map((kind) =>
            db
              .selectFrom('issue_link')
              .select(['item_kind', 'item_key', 'issue_key'])
              .where('repository_id', '=', repositoryId)
              .where('item_kind', '=', kind)
              .where('item_key', 'in', keysOf(kind))
              .execute(),
          ),
      ).then((pages) => pages.flat()),
      keysOf('commit').length ? db.selectFrom('dev_commit').selectAll().where('repository_id', '=', repositoryId).where('sha', 'in', keysOf('commit')).execute() : [],
      keysOf('branch').length
        ? db.selectFrom('dev_branch').selectAll().where('repository_id', '=', repositoryId).where('name', 'in', keysOf('branch')).where('deleted', '=', 0).execute()
        : [],
      keysOf('pull_request').length
        ? db
            .selectFrom('dev_pull_request')
            .selectAll()
            .where('repository_id', '=', repositoryId)
            .where('number', 'in', keysOf('pull_request').map(Number).filter(Number.isFinite))
            .execute()
        : [],
    ]);
    const heads = branches.map((branch) => branch.head_sha).filter(Boolean);
    const headCommits = heads.length ? await db.selectFrom('dev_commit').selectAll().where('repository_id', '=', repositoryId).where('sha', 'in', heads).execute() : [];
    const issueKeys = new Map<string, string[]>();
    for (const link of links) issueKeys.set(rowKey(link), [...(issueKeys.get(rowKey(link)) ?? []), link.issue_key]);

    const sequence = now;
    const entities = new Map<string, { kind: 'commits' | 'branches' | 'pullRequests'; entity: unknown }>();
    for (const commit of commits) {
      const keys = issueKeys.get(rowKey({ item_kind: 'commit', item_key: commit.sha }));
      if (keys) entities.set(rowKey({ item_kind: 'commit', item_key: commit.sha }), { kind: 'commits', entity: commitEntity(commit, keys, sequence, target.url) });
    }
    for (const branch of branches) {
      const keys = issueKeys.get(rowKey({ item_kind: 'branch', item_key: branch.name }));
      const head = headCommits.find((commit) => commit.sha === branch.head_sha);
      if (keys) entities.set(rowKey({ item_kind: 'branch', item_key: branch.name }), { kind: 'branches', entity: branchEntity(branch, head, keys, sequence, target) });
    }
    for (const pull of pulls) {
      const keys = issueKeys.get(rowKey({ item_kind: 'pull_request', item_key: String(pull.number) }));
      if (keys)
        entities.set(rowKey({ item_kind: 'pull_request', item_key: String(pull.number) }), { kind: 'pullRequests', entity: pullRequestEntity(pull, keys, sequence, target.url) });
    }

    const toStore = repositoryRows.filter((row) => entities.has(rowKey(row)));
    for (let start = 0; start < toStore.length && !result.retryAfterSeconds; start += DEVINFO_ENTITIES_PER_REQUEST) {
      const chunk = toStore.slice(start, start + DEVINFO_ENTITIES_PER_REQUEST);
      const grouped = { commits: [] as unknown[], branches: [] as unknown[], pullRequests: [] as unknown[] };
      for (const row of chunk) {
        const entry = entities.get(rowKey(row))!;
        grouped[entry.kind].push(entry.entity);
      }
      await attempt(chunk, async () => {
        const answer = await jiraReply(
          await jira.requestJira(route`/rest/devinfo/0.10/bulk`, { method: 'POST', body: bulkBody(target, grouped, sequence) }),
          'Sending development information to Jira',
        );
        const refused = failedEntities(answer);
        for (const [key, message] of refused)
          await failed(
            chunk.filter((row) => rowKey(row) === key),
            message,
          );
        const accepted = chunk.filter((row) => !refused.has(rowKey(row)));
        await done(accepted);
        result.sent += accepted.length;
      });
    }
    // Items that no longer link to any issue (deleted branch, scope change) are removed from Jira.
    for (const row of repositoryRows.filter((candidate) => !entities.has(rowKey(candidate)))) {
      if (result.retryAfterSeconds) break;
      await attempt([row], async () => {
        await deleteEntity(repositoryId, row);
        await done([row]);
      });
    }
  }
  return result;
}

/**
 * What the admin page shows per account: items waiting to be sent, repositories waiting to be removed from
 * Jira (after mirroring was switched off or a repository unlinked), and those Jira keeps refusing.
 */
export async function devinfoBacklog(ports: Ports, accountId: string): Promise<{ toSend: number; toRemove: number; failing: number; lastError: string | null }> {
  const { db } = ports.database;
  const ofAccount = db.selectFrom('devinfo_outbox as o').innerJoin('repository as r', 'r.id', 'o.repository_id').where('r.account_id', '=', accountId);
  const counts = await ofAccount
    .select([
      (eb) => eb.fn.sum<number | string | null>(sql`case when o.item_kind = 'repository' then 0 else 1 end`).as('to_send'),
      (eb) => eb.fn.sum<number | string | null>(sql`case when o.item_kind = 'repository' then 1 else 0 end`).as('to_remove'),
      (eb) => eb.fn.sum<number | string | null>(sql`case when o.attempts > 0 then 1 else 0 end`).as('failing'),
    ])
    .executeTakeFirstOrThrow();
  const latest =
    Number(counts.failing ?? 0) > 0 ? await ofAccount.select('o.last_error').where('o.attempts', '>', 0).orderBy('o.changed_at', 'desc').limit(1).executeTakeFirst() : undefined;
  return { toSend: Number(counts.to_send ?? 0), toRemove: Number(counts.to_remove ?? 0), failing: Number(counts.failing ?? 0), lastError: latest?.last_error ?? null };
}
