import { sql } from 'kysely';
import { readSummaries } from '../dev-info/dev-info-reader';
import type { DevelopmentSummary } from '../dev-info/development-summary';
import { isAppError } from '../errors/app-error';
import { jiraReply, JiraUnavailableError } from '../jira-rest/jira-reply';
import { jiraPath } from '../ports/jira';
import type { Ports } from '../ports/ports';

/** The issue entity property the app keeps, indexed for JQL by the `jira:entityProperty` module. */
export const SUMMARY_PROPERTY_KEY = 'dvcs-link.summary';
/** No issue's property is written more often than this, however busy its repositories are. */
export const SUMMARY_MIN_INTERVAL_MS = 60_000;
const BATCH = 50;
const CONCURRENCY = 5;
const MAX_ATTEMPTS = 5;

/** The property's value: flat numbers and a date, so every field can be indexed and compared in JQL. */
export function summaryProperty(summary: DevelopmentSummary) {
  return {
    commits: summary.commits,
    branches: summary.branches,
    pullRequests: summary.pullRequests.total,
    openPullRequests: summary.pullRequests.open,
    lastUpdated: summary.lastUpdated === null ? null : new Date(summary.lastUpdated).toISOString(),
  };
}

export interface SummaryPushResult {
  pushed: number;
  failed: number;
  /** Issues were due now beyond this run's batch. */
  more: boolean;
  /** Issues changed but were written less than a minute ago: run again after this many seconds. */
  waitSeconds: number | null;
  retryAfterSeconds?: number;
}

/**
 * Writes the summary property of up to one batch of changed issues. An issue is claimed by stamping
 * `pushed_at` before its counts are read, so a change made while it is being sent leaves it changed
 * (`changed_at >= pushed_at`) and it goes again a minute later.
 */
export async function pushIssueSummaries(ports: Ports): Promise<SummaryPushResult> {
  const { db } = ports.database;
  const now = ports.clock.now();
  const cutoff = now - SUMMARY_MIN_INTERVAL_MS;
  const due = (await db
    .selectFrom('issue_summary')
    .select('issue_key')
    .where((eb) => eb.or([eb('pushed_at', 'is', null), eb.and([eb('changed_at', '>=', eb.ref('pushed_at')), eb('pushed_at', '<=', cutoff)])]))
    .orderBy('changed_at')
    .limit(BATCH)
    .execute()).map((row) => row.issue_key);
  const result: SummaryPushResult = { pushed: 0, failed: 0, more: due.length === BATCH, waitSeconds: null };
  if (due.length > 0) {
    await db
      .updateTable('issue_summary')
      .set({ pushed_at: now })
      .where('issue_key', 'in', due)
      .where((eb) => eb.or([eb('pushed_at', 'is', null), eb('pushed_at', '<=', cutoff)]))
      .execute();
    const summaries = await readSummaries(ports.database, due);
    const jira = ports.jira.asApp();
    const queue = [...due];
    const worker = async () => {
      for (let issueKey = queue.shift(); issueKey !== undefined && !result.retryAfterSeconds; issueKey = queue.shift()) {
        const summary = summaries.get(issueKey)!;
        try {
          const response = await jira.request(jiraPath`/rest/api/3/issue/${issueKey}/properties/${SUMMARY_PROPERTY_KEY}`, { method: 'PUT', body: summaryProperty(summary) });
          if (response.status === 404) {
            // The issue was deleted or moved; nothing left to keep up to date.
            await db.deleteFrom('issue_summary').where('issue_key', '=', issueKey).execute();
            continue;
          }
          await jiraReply(response, `Writing the ${SUMMARY_PROPERTY_KEY} property of ${issueKey}`);
          await db.updateTable('issue_summary').set({ attempts: 0, last_error: null }).where('issue_key', '=', issueKey).execute();
          result.pushed += 1;
        } catch (error) {
          if (!(error instanceof JiraUnavailableError) && !isAppError(error)) throw error;
          if (error instanceof JiraUnavailableError && error.status === 429) result.retryAfterSeconds = 60;
          result.failed += 1;
          // Marked changed again, so it is retried once its minute is up; a persistent refusal gives up.
          await db
            .updateTable('issue_summary')
            .set({ changed_at: now, attempts: sql`attempts + 1`, last_error: error.message.slice(0, 1000) })
            .where('issue_key', '=', issueKey)
            .execute();
          await db.deleteFrom('issue_summary').where('issue_key', '=', issueKey).where('attempts', '>=', MAX_ATTEMPTS).execute();
          ports.log.warn('issue summary not written', { issueKey, error: error.message });
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    // Claimed but not sent because Jira asked to slow down: changed again, so the next run picks them up.
    if (queue.length > 0) await db.updateTable('issue_summary').set({ changed_at: now }).where('issue_key', 'in', queue).execute();
  }
  const waiting = await db
    .selectFrom('issue_summary')
    .select((eb) => eb.fn.min('pushed_at').as('oldest'))
    .where('pushed_at', 'is not', null)
    .where('changed_at', '>=', (eb) => eb.ref('pushed_at'))
    .where('pushed_at', '>', cutoff)
    .executeTakeFirst();
  if (waiting?.oldest !== null && waiting?.oldest !== undefined) {
    result.waitSeconds = Math.max(1, Math.ceil((Number(waiting.oldest) + SUMMARY_MIN_INTERVAL_MS - now) / 1000));
  }
  return result;
}
