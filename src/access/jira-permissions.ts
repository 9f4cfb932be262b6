import { AppError } from '../errors/app-error';
import { route, type JiraClient } from '../ports/jira';
import { grants } from './permission-response';

const VIEW_DEV_TOOLS = 'VIEW_DEV_TOOLS';
const ADMINISTER = 'ADMINISTER';
const BROWSE_PROJECTS = 'BROWSE_PROJECTS';

/**
 * Whether the user behind `jira` holds `permission` on the issue's project. Jira answers 404 when the user
 * cannot see the issue at all, which is a plain "no", not a failure.
 */
async function holdsIssuePermission(jira: JiraClient, issueKey: string, permission: string): Promise<boolean> {
  const response = await jira.requestJira(route`/rest/api/3/mypermissions?issueKey=${issueKey}&permissions=${permission}`);
  if (response.status === 404 || response.status === 401) return false;
  if (!response.ok) {
    throw new AppError('jira_error', `Jira did not answer the permission check (HTTP ${response.status}). Reload the page to try again.`);
  }
  return grants(await response.json(), permission);
}

/** View Development Tools on the issue's project: what the Development panel needs. */
export const canViewDevelopmentTools = (jira: JiraClient, issueKey: string) => holdsIssuePermission(jira, issueKey, VIEW_DEV_TOOLS);

/** Whether the user may browse the issue at all. */
export const canBrowseIssue = (jira: JiraClient, issueKey: string) => holdsIssuePermission(jira, issueKey, BROWSE_PROJECTS);

/** Whether the user behind `jira` holds the global Administer Jira permission. */
export async function isJiraAdministrator(jira: JiraClient): Promise<boolean> {
  const response = await jira.requestJira(route`/rest/api/3/mypermissions?permissions=${ADMINISTER}`);
  if (response.status === 401) return false;
  if (!response.ok) {
    throw new AppError('jira_error', `Jira did not answer the permission check (HTTP ${response.status}). Reload the page to try again.`);
  }
  return grants(await response.json(), ADMINISTER);
}
