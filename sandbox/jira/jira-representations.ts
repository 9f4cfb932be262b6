import type { SeedUser } from './jira-seed';
import { PERMISSION_NAMES, type JiraSite, type SiteIssue } from './jira-site';

/** Jira Cloud REST v3 shapes, trimmed to the fields Jira always sends. */

const CATEGORY = {
  new: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
  indeterminate: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
  done: { id: 3, key: 'done', colorName: 'green', name: 'Done' },
} as const;

export function userJson(site: JiraSite, user: SeedUser, withEmail = true) {
  const base = site.seed.site.baseUrl;
  return {
    self: `${base}/rest/api/3/user?accountId=${encodeURIComponent(user.accountId)}`,
    accountId: user.accountId,
    accountType: 'atlassian',
    ...(withEmail ? { emailAddress: user.emailAddress } : {}),
    avatarUrls: avatarUrls(`${base}/avatar/${encodeURIComponent(user.accountId)}`),
    displayName: user.displayName,
    active: true,
    timeZone: 'Etc/UTC',
    locale: 'en_US',
  };
}

/**
 * A user where Jira embeds one (comment and worklog authors, an issue's assignee): Jira's `UserDetails`,
 * which has no `locale` (only the full `User` of /myself and /user/search has).
 */
function userDetailsJson(site: JiraSite, user: SeedUser) {
  const { locale: _locale, ...details } = userJson(site, user, false);
  return details;
}

function avatarUrls(prefix: string) {
  return { '48x48': `${prefix}?s=48`, '24x24': `${prefix}?s=24`, '16x16': `${prefix}?s=16`, '32x32': `${prefix}?s=32` };
}

export function statusJson(site: JiraSite, name: string) {
  const status = site.status(name);
  const category = CATEGORY[status?.category ?? 'new'];
  return {
    self: `${site.seed.site.baseUrl}/rest/api/3/status/${status?.id ?? '0'}`,
    description: '',
    iconUrl: `${site.seed.site.baseUrl}/images/icons/statuses/generic.png`,
    name,
    id: status?.id ?? '0',
    statusCategory: { self: `${site.seed.site.baseUrl}/rest/api/3/statuscategory/${category.id}`, ...category },
  };
}

export function projectJson(site: JiraSite, project: JiraSite['seed']['projects'][number]) {
  const base = site.seed.site.baseUrl;
  return {
    expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
    self: `${base}/rest/api/3/project/${project.id}`,
    id: project.id,
    key: project.key,
    name: project.name,
    avatarUrls: avatarUrls(`${base}/rest/api/3/universal_avatar/view/type/project/avatar/10400`),
    projectTypeKey: 'software',
    simplified: false,
    style: 'classic',
    isPrivate: false,
    properties: {},
  };
}

export function issueJson(site: JiraSite, issue: SiteIssue) {
  const base = site.seed.site.baseUrl;
  const project = site.project(issue.projectKey);
  const assignee = site.user(issue.assignee);
  return {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: issue.id,
    self: `${base}/rest/api/3/issue/${issue.id}`,
    key: issue.key,
    fields: {
      summary: issue.summary,
      issuetype: { self: `${base}/rest/api/3/issuetype/1`, id: '1', name: issue.issueType, subtask: false },
      project: project
        ? { self: `${base}/rest/api/3/project/${project.id}`, id: project.id, key: project.key, name: project.name, projectTypeKey: 'software', simplified: false }
        : null,
      status: statusJson(site, issue.status),
      assignee: assignee ? userDetailsJson(site, assignee) : null,
      created: issue.created,
      updated: issue.updated,
    },
  };
}

export function permissionJson(key: string, havePermission: boolean) {
  const known = PERMISSION_NAMES[key];
  return {
    id: known?.id ?? key,
    key,
    name: known?.name ?? key,
    type: known?.type ?? 'PROJECT',
    description: known?.description ?? '',
    havePermission,
  };
}

export function commentJson(site: JiraSite, issue: SiteIssue, comment: SiteIssue['comments'][number]) {
  const author = site.user(comment.author);
  return {
    self: `${site.seed.site.baseUrl}/rest/api/3/issue/${issue.id}/comment/${comment.id}`,
    id: comment.id,
    author: author ? userDetailsJson(site, author) : appUserJson(site),
    body: comment.body,
    updateAuthor: author ? userDetailsJson(site, author) : appUserJson(site),
    created: comment.created,
    updated: comment.created,
    jsdPublic: true,
  };
}

export function worklogJson(site: JiraSite, issue: SiteIssue, worklog: SiteIssue['worklogs'][number]) {
  const author = site.user(worklog.author);
  return {
    self: `${site.seed.site.baseUrl}/rest/api/3/issue/${issue.id}/worklog/${worklog.id}`,
    author: author ? userDetailsJson(site, author) : appUserJson(site),
    updateAuthor: author ? userDetailsJson(site, author) : appUserJson(site),
    ...(worklog.comment === undefined ? {} : { comment: worklog.comment }),
    created: worklog.created,
    updated: worklog.created,
    started: worklog.started,
    timeSpent: formatDuration(worklog.timeSpentSeconds),
    timeSpentSeconds: worklog.timeSpentSeconds,
    id: worklog.id,
    issueId: issue.id,
  };
}

/** Comments and worklogs written as the app show the app as author, as in Jira Cloud. */
function appUserJson(site: JiraSite) {
  return {
    self: `${site.seed.site.baseUrl}/rest/api/3/user?accountId=app-jira-dvcs-link`,
    accountId: 'app-jira-dvcs-link',
    accountType: 'app',
    displayName: 'Jira DVCS Link',
    active: true,
  };
}

function formatDuration(seconds: number): string {
  const parts: string[] = [];
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (hours) parts.push(`${hours}h`);
  if (minutes || parts.length === 0) parts.push(`${minutes}m`);
  return parts.join(' ');
}

export function errorJson(...messages: string[]) {
  return { errorMessages: messages, errors: {} };
}
