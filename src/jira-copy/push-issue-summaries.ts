import { z } from 'zod';
import { readSummaries } from '../dev-info/dev-info-reader';
import { batchesBySize, takeIncoming, upsertRows } from '../storage/upsert';
import type { DevelopmentSummary } from '../dev-info/development-summary';
import { isAppError } from '../errors/app-error';
import { jiraReply, JiraUnavailableError } from '../jira-rest/jira-reply';
import { route, type JiraClient, type JiraResponse } from '../ports/jira';
import type { Ports } from '../ports/ports';
import { lookUpIssueIds } from './issue-ids';
import { SUMMARY_MIN_INTERVAL_MS, summariesFailed } from '../dev-info/issue-summary-outbox';
import { checkIssueSummaryTasks, recordIssueSummaryTask, taskIdFrom } from './issue-summary-tasks';

/** The issue entity property the app keeps, indexed for JQL by the `jira:entityProperty` module. */
export const SUMMARY_PROPERTY_KEY = 'dvcs-link.summary';
/** Jira's limit for "bulk set issue properties by issue". */
const ISSUES_PER_REQUEST = 100;
/** Issues one run sends: one id look-up and ten bulk writes. */
const ISSUES_PER_RUN = 1_000;

/** The property's value: flat numbers, a date and a word, so every field can be indexed and compared in JQL. */
function summaryProperty(summary: DevelopmentSummary) {
  return {
    commits: summary.commits,
    branches: summary.branches,
    pullRequests: summary.pullRequests.total,
    openPullRequests: summary.pullRequests.open,
    lastUpdated: summary.lastUpdated === null ? null : new Date(summary.lastUpdated).toISOString(),
    failingBuilds: summary.failingBuilds,
    // JQL compares text; an issue deployed nowhere has no value (`dvcsDeployedTo is EMPTY`).
    deployedTo: summary.deployedTo,
  };
}

export interface SummaryPushResult {
  /** Issues sent in a bulk write that Jira accepted (its task is checked on a later run). */
  pushed: number;
  failed: number;
  /** Issues were due now beyond this run's batch. */
  more: boolean;
  /** Nothing is due now, but something is (a minute's wait, or a task to check): run again after this many seconds. */
  waitSeconds: number | null;
  retryAfterSeconds?: number;
}

/** One bulk write of up to 100 issues' properties; Jira answers with the task that carries it out. */
async function writeProperties(jira: JiraClient, issues: Array<{ issueID: number; properties: Record<string, unknown> }>): Promise<string> {
  const response: JiraResponse = await jira.requestJira(route`/rest/api/3/issue/properties/multi`, { method: 'POST', body: { issues } });
  if (response.status === 303) {
    const taskId = taskIdFrom(response.headers.get('location'));
    if (taskId) return taskId;
  }
  // A runtime that follows the redirect itself hands over the task instead.
  const body = await jiraReply(response, 'Writing development summaries to Jira');
  const taskId = z.object({ id: z.string() }).safeParse(body);
  if (!taskId.success) throw new JiraUnavailableError(response.status);
  return taskId.data.id;
}

/**
 * Writes the summary property of the issues that are due, with Jira's bulk API: one id look-up for the
 * batch (ids are kept for next time), then a request per 100 issues. Jira carries each request out as an
 * asynchronous task; the tasks are checked on the next run and issues they failed are sent again.
 * A change made while an issue is being sent makes it due again a minute later.
 */
export async function pushIssueSummaries(ports: Ports): Promise<SummaryPushResult> {
  const { db } = ports.database;
  const jira = ports.jira.asApp();
  const now = ports.clock.now();
  const result: SummaryPushResult = { pushed: 0, failed: 0, more: false, waitSeconds: null };
  try {
    await checkIssueSummaryTasks(ports, jira);
    const due = await db
      .selectFrom('issue_summary')
      .select(['issue_key', 'issue_id'])
      .where('due_at', '<=', now)
      .orderBy('due_at')
      .orderBy('issue_key')
      .limit(ISSUES_PER_RUN)
      .execute();
    result.more = due.length === ISSUES_PER_RUN;
    if (due.length > 0) await sendSummaries(ports, jira, due, result);
  } catch (error) {
    if (!(error instanceof JiraUnavailableError)) throw error;
    // Jira is down or asks to slow down: whatever was claimed is due again once the pause is over.
    result.retryAfterSeconds = 60;
  }
  const next = await db
    .selectFrom('issue_summary')
    .select((eb) => eb.fn.min('due_at').as('next'))
    .where('due_at', '>', now)
    .executeTakeFirst();
  const nextTask = await db
    .selectFrom('jira_task')
    .select((eb) => eb.fn.min('check_at').as('next'))
    .executeTakeFirst();
  const times = [next?.next, nextTask?.next].filter((time) => time !== null && time !== undefined).map(Number);
  if (times.length > 0) result.waitSeconds = Math.max(1, Math.ceil((Math.min(...times) - now) / 1000));
  return result;
}

async function sendSummaries(ports: Ports, jira: JiraClient, due: Array<{ issue_key: string; issue_id: string | null }>, result: SummaryPushResult): Promise<void> {
  const { db } = ports.database;
  const now = ports.clock.now();
  const keys = due.map((row) => row.issue_key);
  // Claimed: a write from now on makes the issue due again a minute after this send.
  await db.updateTable('issue_summary').set({ pushed_at: now, due_at: null }).where('issue_key', 'in', keys).where('due_at', '<=', now).execute();
  const pending = [...keys];
  try {
    const ids = new Map(due.filter((row) => row.issue_id !== null).map((row) => [row.issue_key, Number(row.issue_id)]));
    const unknown = keys.filter((key) => !ids.has(key));
    if (unknown.length > 0) {
      const found = await lookUpIssueIds(jira, unknown);
      const gone = unknown.filter((key) => !found.has(key));
      // Issues that do not exist (deleted, or a key nobody created) have nothing to keep up to date.
      if (gone.length > 0) await db.deleteFrom('issue_summary').where('issue_key', 'in', gone).execute();
      for (const [key, id] of found) ids.set(key, id);
      // Kept for next time, in one statement per batch: the rows exist, so only `issue_id` changes.
      const rows = [...found].map(([issue_key, id]) => ({ issue_key, issue_id: String(id), changed_at: now, pushed_at: now, due_at: null, attempts: 0, last_error: null }));
      for (const batch of batchesBySize(rows)) await upsertRows(ports.database, 'issue_summary', batch, ['issue_key'], { issue_id: takeIncoming });
    }
    const summaries = await readSummaries(ports.database, [...ids.keys()]);
    const sendable = keys.filter((key) => ids.has(key));
    pending.splice(0, pending.length, ...sendable);
    for (let start = 0; start < sendable.length; start += ISSUES_PER_REQUEST) {
      const chunk = sendable.slice(start, start + ISSUES_PER_REQUEST);
      const issues = chunk.map((key) => ({ issueID: ids.get(key)!, properties: { [SUMMARY_PROPERTY_KEY]: summaryProperty(summaries.get(key)!) } }));
      try {
        const taskId = await writeProperties(jira, issues);
        await recordIssueSummaryTask(ports, taskId, chunk);
        result.pushed += chunk.length;
      } catch (error) {
        if (error instanceof JiraUnavailableError || !isAppError(error)) throw error;
        result.failed += chunk.length;
        await summariesFailed(ports, chunk, error.message);
      }
      pending.splice(0, chunk.length);
    }
  } finally {
    // Claimed but not sent (Jira stopped answering): due again after the pause, with no attempt counted.
    if (pending.length > 0)
      await db
        .updateTable('issue_summary')
        .set({ due_at: now + SUMMARY_MIN_INTERVAL_MS })
        .where('issue_key', 'in', pending)
        .execute();
  }
}
