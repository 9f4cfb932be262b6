import { z } from 'zod';
import { jiraReply } from '../jira-rest/jira-reply';
import { route, type JiraClient } from '../ports/jira';
import type { Ports } from '../ports/ports';
import { summariesFailed } from '../dev-info/issue-summary-outbox';

const TASK_KIND = 'issue-summary';
/** Jira usually finishes a bulk property task within seconds; the first check waits this long. */
const FIRST_CHECK_MS = 5_000;
/** A task still running after this many checks is taken as lost, and its issues are sent again. */
const MAX_CHECKS = 8;
const TASKS_PER_RUN = 50;

const task = z.object({ id: z.string(), status: z.string(), result: z.unknown().optional() });

/** The task id from the `Location` of Jira's 303 answer (`…/rest/api/3/task/10042`). */
export function taskIdFrom(location: string | null): string | undefined {
  const match = /\/task\/([A-Za-z0-9_-]{1,64})\/?$/.exec(location ?? '');
  return match?.[1];
}

export async function recordIssueSummaryTask(ports: Ports, taskId: string, issueKeys: string[]): Promise<void> {
  const now = ports.clock.now();
  await ports.database.db
    .insertInto('jira_task')
    .values({ task_id: taskId, kind: TASK_KIND, issue_keys: JSON.stringify(issueKeys), submitted_at: now, check_at: now + FIRST_CHECK_MS, checks: 0 })
    .execute();
}

/**
 * Whether a finished task reports failures. Jira documents the result only as "any JSON" ("updating some
 * entities may fail; such information will be available in the task result"), so any field whose name
 * speaks of failure or error and holds something counts, and the task's issues are all sent again: the
 * writes are idempotent, and resending a hundred issues costs one request.
 */
function reportsFailure(result: unknown, depth = 0): boolean {
  if (depth > 5 || result === null || typeof result !== 'object') return false;
  return Object.entries(result as Record<string, unknown>).some(([name, value]) => {
    const present = Array.isArray(value) ? value.length > 0 : value !== null && value !== undefined && value !== '' && value !== false && value !== 0;
    return (/fail|error/i.test(name) && present) || reportsFailure(value, depth + 1);
  });
}

/** Checks the bulk-write tasks that are due: finished ones are forgotten, failed or lost ones resend their issues. */
export async function checkIssueSummaryTasks(ports: Ports, jira: JiraClient): Promise<void> {
  const { db } = ports.database;
  const now = ports.clock.now();
  const tasks = await db
    .selectFrom('jira_task')
    .select(['task_id', 'issue_keys', 'checks'])
    .where('kind', '=', TASK_KIND)
    .where('check_at', '<=', now)
    .orderBy('check_at')
    .orderBy('task_id')
    .limit(TASKS_PER_RUN)
    .execute();
  for (const row of tasks) {
    const issueKeys = z.array(z.string()).parse(JSON.parse(row.issue_keys));
    const response = await jira.requestJira(route`/rest/api/3/task/${row.task_id}`);
    const state = response.status === 404 ? { status: 'GONE' } : task.parse(await jiraReply(response, 'Checking a bulk property write'));
    const checks = Number(row.checks) + 1;
    if (state.status === 'ENQUEUED' || state.status === 'RUNNING') {
      if (checks < MAX_CHECKS) {
        await db
          .updateTable('jira_task')
          .set({ checks, check_at: now + FIRST_CHECK_MS * 2 ** checks })
          .where('task_id', '=', row.task_id)
          .execute();
        continue;
      }
    }
    const succeeded = state.status === 'COMPLETE' && !reportsFailure('result' in state ? state.result : undefined);
    if (!succeeded) await summariesFailed(ports, issueKeys, `Jira's bulk property write ended ${state.status === 'COMPLETE' ? 'with failures' : state.status}.`);
    await db.deleteFrom('jira_task').where('task_id', '=', row.task_id).execute();
  }
}
