import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import { isAppError } from '../errors/app-error';
import { JiraUnavailableError } from '../jira-rest/jira-reply';
import type { DevinfoOutboxTable, Schema } from '../storage/schema';

export type OutboxRow = Pick<DevinfoOutboxTable, 'repository_id' | 'item_kind' | 'item_key' | 'changed_at' | 'attempts'>;
type ItemKind = DevinfoOutboxTable['item_kind'];

/** Rows one run takes: a run stays well inside a function's time limit, and says when more were due. */
export const OUTBOX_BATCH = 200;
/** Retries back off up to an hour: an item Jira keeps refusing costs one request an hour, and shows as failing. */
const MAX_BACKOFF_MS = 3600_000;

/** The rows due now whose kind is (or is not) one of `kinds`, in a stable order. */
export function dueOutboxRows(db: Kysely<Schema>, now: number, kinds: { in: ItemKind[] } | { notIn: ItemKind[] }): Promise<OutboxRow[]> {
  return db
    .selectFrom('devinfo_outbox')
    .select(['repository_id', 'item_kind', 'item_key', 'changed_at', 'attempts'])
    .where('next_attempt_at', '<=', now)
    .where('item_kind', 'in' in kinds ? 'in' : 'not in', 'in' in kinds ? kinds.in : kinds.notIn)
    .orderBy('next_attempt_at')
    .orderBy('repository_id')
    .orderBy('item_kind')
    .orderBy('item_key')
    .limit(OUTBOX_BATCH)
    .execute();
}

/** What a run over the outbox tells its caller: how many failed, and whether Jira asked it to slow down. */
export interface OutboxRunResult {
  failed: number;
  retryAfterSeconds?: number;
}

/**
 * Removing sent rows and recording failed ones, for one run. Rows of one repository, kind, version and attempt
 * count are touched in one statement, and only if `changed_at` still matches: a newer change made meanwhile is kept.
 */
export function outboxBookkeeping(db: Kysely<Schema>, now: number, result: OutboxRunResult) {
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
  /** Runs one Jira call for some rows; a 429 stops the whole run (false), other failures are recorded on the rows. */
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
  return { done, failed, attempt };
}
