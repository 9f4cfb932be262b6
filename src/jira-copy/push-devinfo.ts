import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { parseAccountSettings } from '../accounts/account-settings';
import { isAppError } from '../errors/app-error';
import { jiraReply, JiraUnavailableError } from '../jira-rest/jira-reply';
import { route } from '../ports/jira';
import type { Ports } from '../ports/ports';
import type { DevinfoOutboxTable, Schema } from '../storage/schema';
import { branchEntity, bulkBody, commitEntity, DEVINFO_ENTITIES_PER_REQUEST, failedEntities, pullRequestEntity, type DevinfoRepository } from './devinfo-payload';

const BATCH = 200;
/** Retries back off up to an hour: an item Jira keeps refusing costs one request an hour, and shows as failing. */
const MAX_BACKOFF_MS = 3600_000;
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

type OutboxRow = Pick<DevinfoOutboxTable, 'repository_id' | 'item_kind' | 'item_key' | 'changed_at' | 'attempts'>;
const rowKey = (row: { item_kind: string; item_key: string }) => `${row.item_kind}\n${row.item_key}`;

/**
 * Sends what the outbox holds to Jira's development information: items that still link to an issue are
 * stored (in bulk), others and whole repositories are deleted. A row is removed only once Jira accepted
 * it and only if nothing changed it meanwhile; failures back off and are shown on the admin page.
 */
export async function pushDevinfo(ports: Ports): Promise<DevinfoPushResult> {
  const { db } = ports.database;
  const now = ports.clock.now();
  const rows: OutboxRow[] = await db
    .selectFrom('devinfo_outbox')
    .select(['repository_id', 'item_kind', 'item_key', 'changed_at', 'attempts'])
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .orderBy('repository_id')
    .orderBy('item_kind')
    .orderBy('item_key')
    .limit(BATCH)
    .execute();
  const result: DevinfoPushResult = { sent: 0, deleted: 0, failed: 0, more: rows.length === BATCH };
  const byRepository = new Map<string, OutboxRow[]>();
  for (const row of rows) byRepository.set(row.repository_id, [...(byRepository.get(row.repository_id) ?? []), row]);

  /**
   * Rows of one repository, kind, version and attempt count, each group touched in one statement: a row
   * is only changed if `changed_at` still matches, so a newer change made meanwhile is kept.
   */
  const inGroups = async (
    handled: OutboxRow[],
    apply: (rows: OutboxRow[], inGroup: (eb: ExpressionBuilder<Schema, 'devinfo_outbox'>) => Expression<SqlBool>) => Promise<unknown>,
  ) => {
    const groups = new Map<string, OutboxRow[]>();
    for (const row of handled) {
      const key = [row.repository_id, row.item_kind, row.changed_at, row.attempts].join('\n');
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    for (const rows of groups.values()) {
      const first = rows[0]!;
      await apply(rows, (eb) =>
        eb.and([
          eb('repository_id', '=', first.repository_id),
          eb('item_kind', '=', first.item_kind),
          eb('changed_at', '=', first.changed_at),
          eb(
            'item_key',
            'in',
            rows.map((row) => row.item_key),
          ),
        ]),
      );
    }
  };
  const done = (handled: OutboxRow[]) => inGroups(handled, (_rows, inGroup) => db.deleteFrom('devinfo_outbox').where(inGroup).execute());
  const failed = async (handled: OutboxRow[], message: string) => {
    result.failed += handled.length;
    await inGroups(handled, (rows, inGroup) => {
      const attempts = Number(rows[0]!.attempts) + 1;
      return db
        .updateTable('devinfo_outbox')
        .set({ attempts, last_error: message.slice(0, 1000), next_attempt_at: now + Math.min(MAX_BACKOFF_MS, 30_000 * 2 ** attempts) })
        .where(inGroup)
        .execute();
    });
  };
  /** Runs one Jira call for some rows; a 429 stops the whole run, other failures are recorded on the rows. */
  const attempt = async (handled: OutboxRow[], call: () => Promise<void>): Promise<boolean> => {
    try {
      await call();
      return true;
    } catch (error) {
      if (error instanceof JiraUnavailableError && error.status === 429) {
        result.retryAfterSeconds = 60;
        return false;
      }
      if (!(error instanceof JiraUnavailableError) && !isAppError(error)) throw error;
      await failed(handled, error instanceof JiraUnavailableError ? `Jira was unavailable (HTTP ${error.status}); the app will try again.` : error.message);
      return true;
    }
  };
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

/** What the admin page shows per account: items waiting, and those Jira keeps refusing. */
export async function devinfoBacklog(ports: Ports, accountId: string): Promise<{ pending: number; failing: number; lastError: string | null }> {
  const { db } = ports.database;
  const ofAccount = db.selectFrom('devinfo_outbox as o').innerJoin('repository as r', 'r.id', 'o.repository_id').where('r.account_id', '=', accountId);
  const counts = await ofAccount
    .select([(eb) => eb.fn.countAll<number | string>().as('pending'), (eb) => eb.fn.sum<number | string | null>(sql`case when o.attempts > 0 then 1 else 0 end`).as('failing')])
    .executeTakeFirstOrThrow();
  const latest =
    Number(counts.failing ?? 0) > 0 ? await ofAccount.select('o.last_error').where('o.attempts', '>', 0).orderBy('o.changed_at', 'desc').limit(1).executeTakeFirst() : undefined;
  return { pending: Number(counts.pending), failing: Number(counts.failing ?? 0), lastError: latest?.last_error ?? null };
}
