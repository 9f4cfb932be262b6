import type { Route } from './jira-route';
import { badRequest, notFound } from './jira-route';
import type { JiraSite, SiteTask } from './jira-site';

const MAX_ISSUES = 100;
const MAX_PROPERTIES = 10;
const MAX_VALUE_LENGTH = 32_768;

function taskJson(site: JiraSite, task: SiteTask) {
  const finished = task.finished ?? task.submitted;
  return {
    self: `${site.seed.site.baseUrl}/rest/api/3/task/${task.id}`,
    id: task.id,
    description: task.description,
    status: task.status,
    ...(task.result === undefined ? {} : { result: task.result }),
    submittedBy: 0,
    progress: task.status === 'COMPLETE' ? 100 : 0,
    elapsedRuntime: finished - task.submitted,
    submitted: task.submitted,
    ...(task.finished === undefined ? {} : { started: task.submitted, finished: task.finished }),
    lastUpdate: finished,
  };
}

/**
 * Jira's bulk "set issue properties by issue" (`POST /rest/api/3/issue/properties/multi`): up to 100
 * issues, up to 10 properties each, carried out as an asynchronous task that the answer's `Location`
 * names (303). Issues that do not exist are ignored, as Jira documents; the sandbox runs the task at once.
 */
export const issuePropertyRoutes: Route[] = [
  {
    method: 'POST',
    pattern: /^\/rest\/api\/3\/issue\/properties\/multi$/,
    handle: ({ site, principal, body }) => {
      const issues = (body as { issues?: unknown } | undefined)?.issues;
      if (!Array.isArray(issues) || issues.length === 0) return badRequest('The list of issues must not be empty.');
      if (issues.length > MAX_ISSUES) return badRequest(`The number of issues must not exceed ${MAX_ISSUES}.`);
      const writes: Array<{ issueId: string; properties: Array<[string, unknown]> }> = [];
      for (const entry of issues as Array<{ issueID?: unknown; properties?: unknown }>) {
        if (!Number.isInteger(entry?.issueID)) return badRequest('Every issue needs a numeric issueID.');
        const properties = Object.entries((entry.properties ?? {}) as Record<string, unknown>);
        if (properties.length === 0 || properties.length > MAX_PROPERTIES) return badRequest(`Each issue takes 1 to ${MAX_PROPERTIES} properties.`);
        for (const [key, value] of properties) {
          if (key.length > 255) return badRequest('The property key cannot be longer than 255 characters.');
          if (JSON.stringify(value).length > MAX_VALUE_LENGTH) return badRequest(`The value of property ${key} is longer than ${MAX_VALUE_LENGTH} characters.`);
        }
        writes.push({ issueId: String(entry.issueID), properties });
      }
      const failed: string[] = [];
      for (const write of writes) {
        const issue = site.issue(write.issueId);
        if (!issue || !site.canBrowse(principal, issue.projectKey)) continue;
        if (!site.hasProjectPermission(principal, issue.projectKey, 'EDIT_ISSUES')) {
          failed.push(write.issueId);
          continue;
        }
        for (const [key, value] of write.properties) issue.properties.set(key, value);
      }
      const now = Date.parse(site.timestamp());
      const task: SiteTask = {
        id: site.newId(),
        description: 'Bulk set issue properties',
        status: 'COMPLETE',
        submitted: now,
        finished: now,
        ...(failed.length > 0 ? { result: { failedIssueIds: failed } } : {}),
      };
      site.tasks.set(task.id, task);
      return { status: 303, body: undefined, headers: { Location: `${site.seed.site.baseUrl}/rest/api/3/task/${task.id}` } };
    },
  },
  {
    method: 'GET',
    pattern: /^\/rest\/api\/3\/task\/([^/]+)$/,
    handle: ({ site, params }) => {
      const task = site.tasks.get(params[0] ?? '');
      return task ? { status: 200, body: taskJson(site, task) } : notFound('The task does not exist.');
    },
  },
];
