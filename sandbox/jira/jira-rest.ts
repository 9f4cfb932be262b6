import type { JiraPrincipal, JiraRequestHandler } from '../../src/local/local-jira';
import { buildRoutes } from './jira-builds';
import { devinfoRoutes } from './jira-devinfo';
import { commentJson, errorJson, issueJson, permissionJson, projectJson, statusJson, userJson, worklogJson } from './jira-representations';
import { authorOf, badRequest, forbidden, isAnonymous, notFound, unauthorized, visibleIssue, type Route } from './jira-route';
import { issuePropertyRoutes } from './jira-issue-properties';
import { searchRoutes } from './jira-search';
import type { JiraSite } from './jira-site';

/** Jira's `#time`-style duration ("1w 2d 3h 30m") in seconds, using the site's time-tracking settings. */
function parseTimeSpent(site: JiraSite, text: string): number | undefined {
  const { workingHoursPerDay, workingDaysPerWeek } = site.seed.site.timeTracking;
  const unit: Record<string, number> = { w: workingDaysPerWeek * workingHoursPerDay * 3600, d: workingHoursPerDay * 3600, h: 3600, m: 60 };
  const parts = text.trim().split(/\s+/);
  let total = 0;
  for (const part of parts) {
    const match = /^(\d+(?:\.\d+)?)([wdhm])$/.exec(part);
    if (!match) return undefined;
    total += Number(match[1]) * (unit[match[2] as string] ?? 0);
  }
  return Math.round(total);
}

const routes: Route[] = [
  ...devinfoRoutes,
  ...buildRoutes,
  ...issuePropertyRoutes,
  ...searchRoutes,
  {
    method: 'GET',
    pattern: /^\/rest\/api\/3\/myself$/,
    handle: ({ site, principal }) => {
      const user = principal.kind === 'user' ? site.user(principal.accountId) : undefined;
      return user ? { status: 200, body: userJson(site, user) } : unauthorized();
    },
  },
  {
    method: 'GET',
    pattern: /^\/rest\/api\/3\/mypermissions$/,
    handle: ({ site, principal, query }) => {
      const wanted = (query.get('permissions') ?? '')
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean);
      if (wanted.length === 0) return badRequest('The permissions query parameter is required.');
      const issueRef = query.get('issueId') ?? query.get('issueKey');
      const projectRef = query.get('projectId') ?? query.get('projectKey');
      let projectKey: string | undefined;
      if (issueRef) {
        const issue = visibleIssue(site, principal, issueRef);
        if (!issue) return notFound();
        projectKey = issue.projectKey;
      } else if (projectRef) {
        const project = site.project(projectRef);
        if (!project || !site.canBrowse(principal, project.key)) return notFound(`No project could be found with key '${projectRef}'.`);
        projectKey = project.key;
      }
      const permissions: Record<string, ReturnType<typeof permissionJson>> = {};
      for (const key of wanted) {
        const global = site.hasGlobal(principal, key);
        // Without a project or issue, Jira answers project permissions for "any project".
        const inProject = projectKey
          ? site.hasProjectPermission(principal, projectKey, key)
          : site.seed.projects.some((project) => site.hasProjectPermission(principal, project.key, key));
        permissions[key] = permissionJson(key, global || inProject);
      }
      return { status: 200, body: { permissions } };
    },
  },
  {
    method: 'POST',
    pattern: /^\/rest\/api\/3\/permissions\/check$/,
    handle: ({ site, principal, body }) => {
      const request = (body ?? {}) as {
        accountId?: string;
        globalPermissions?: string[];
        projectPermissions?: Array<{ permissions?: string[]; projects?: number[]; issues?: number[] }>;
      };
      let subject: JiraPrincipal = principal;
      if (request.accountId) {
        // Checking someone else needs Administer Jira, unless the app asks.
        if (principal.kind === 'user' && !site.hasGlobal(principal, 'ADMINISTER')) {
          return forbidden('You do not have permission to check permissions for other users.');
        }
        subject = { kind: 'user', accountId: request.accountId };
      }
      const globalPermissions = (request.globalPermissions ?? []).filter((key) => key && site.hasGlobal(subject, key));
      const projectPermissions = (request.projectPermissions ?? []).flatMap((entry) =>
        (entry.permissions ?? []).filter(Boolean).map((permission) => ({
          permission,
          issues: (entry.issues ?? []).filter((id) => {
            const issue = site.issue(String(id));
            return !!issue && site.canBrowse(subject, issue.projectKey) && site.hasProjectPermission(subject, issue.projectKey, permission);
          }),
          projects: (entry.projects ?? []).filter((id) => {
            const project = site.project(String(id));
            return !!project && site.hasProjectPermission(subject, project.key, permission);
          }),
        })),
      );
      return { status: 200, body: { globalPermissions, projectPermissions } };
    },
  },
  {
    method: 'GET',
    pattern: /^\/rest\/api\/3\/project\/search$/,
    handle: ({ site, principal, query }) => {
      const startAt = Math.max(0, Number(query.get('startAt') ?? 0) || 0);
      const maxResults = Math.min(100, Math.max(1, Number(query.get('maxResults') ?? 50) || 50));
      const keys = query.getAll('keys').flatMap((k) => k.split(','));
      const visible = site.seed.projects.filter((project) => site.canBrowse(principal, project.key) && (keys.length === 0 || keys.includes(project.key)));
      const page = visible.slice(startAt, startAt + maxResults);
      const isLast = startAt + maxResults >= visible.length;
      const base = `${site.seed.site.baseUrl}/rest/api/3/project/search`;
      return {
        status: 200,
        body: {
          self: `${base}?startAt=${startAt}&maxResults=${maxResults}`,
          ...(isLast ? {} : { nextPage: `${base}?startAt=${startAt + maxResults}&maxResults=${maxResults}` }),
          maxResults,
          startAt,
          total: visible.length,
          isLast,
          values: page.map((project) => projectJson(site, project)),
        },
      };
    },
  },
  {
    method: 'GET',
    pattern: /^\/rest\/api\/3\/user\/search$/,
    handle: ({ site, principal, query }) => {
      if (isAnonymous(site, principal)) return unauthorized();
      const text = (query.get('query') ?? '').trim().toLowerCase();
      const accountId = query.get('accountId');
      if (!text && !accountId) return badRequest('One of the query parameters query or accountId is required.');
      const users = site.seed.users.filter((user) =>
        accountId ? user.accountId === accountId : user.emailAddress.toLowerCase() === text || user.displayName.toLowerCase().startsWith(text),
      );
      return { status: 200, body: users.map((user) => userJson(site, user)) };
    },
  },
  {
    method: 'GET',
    pattern: /^\/rest\/api\/3\/configuration\/timetracking\/options$/,
    handle: ({ site }) => ({
      status: 200,
      body: {
        defaultUnit: 'minute',
        timeFormat: 'pretty',
        workingDaysPerWeek: site.seed.site.timeTracking.workingDaysPerWeek,
        workingHoursPerDay: site.seed.site.timeTracking.workingHoursPerDay,
      },
    }),
  },
  {
    method: 'GET',
    pattern: /^\/rest\/api\/3\/issue\/([^/]+)$/,
    handle: ({ site, principal, params }) => {
      const issue = visibleIssue(site, principal, params[0] ?? '');
      return issue ? { status: 200, body: issueJson(site, issue) } : notFound();
    },
  },
  {
    method: 'GET',
    pattern: /^\/rest\/api\/3\/issue\/([^/]+)\/comment$/,
    handle: ({ site, principal, params }) => {
      const issue = visibleIssue(site, principal, params[0] ?? '');
      if (!issue) return notFound();
      const comments = issue.comments.map((comment) => commentJson(site, issue, comment));
      return { status: 200, body: { startAt: 0, maxResults: 5000, total: comments.length, comments } };
    },
  },
  {
    method: 'POST',
    pattern: /^\/rest\/api\/3\/issue\/([^/]+)\/comment$/,
    handle: ({ site, principal, params, body }) => {
      const issue = visibleIssue(site, principal, params[0] ?? '');
      if (!issue) return notFound();
      // Jira's description documents no 403 here: a refusal for lack of permission is a 400.
      if (!site.hasProjectPermission(principal, issue.projectKey, 'ADD_COMMENTS')) return badRequest('You do not have the permission to comment on this issue.');
      const content = (body as { body?: unknown } | undefined)?.body;
      if (!content || typeof content !== 'object') return badRequest('Comment body can not be empty!');
      const comment = { id: site.newId(), author: authorOf(principal), body: content, created: site.timestamp() };
      issue.comments.push(comment);
      issue.updated = comment.created;
      return { status: 201, body: commentJson(site, issue, comment) };
    },
  },
  {
    method: 'GET',
    pattern: /^\/rest\/api\/3\/issue\/([^/]+)\/worklog$/,
    handle: ({ site, principal, params }) => {
      const issue = visibleIssue(site, principal, params[0] ?? '');
      if (!issue) return notFound();
      const worklogs = issue.worklogs.map((worklog) => worklogJson(site, issue, worklog));
      return { status: 200, body: { startAt: 0, maxResults: 5000, total: worklogs.length, worklogs } };
    },
  },
  {
    method: 'POST',
    pattern: /^\/rest\/api\/3\/issue\/([^/]+)\/worklog$/,
    handle: ({ site, principal, params, body }) => {
      const issue = visibleIssue(site, principal, params[0] ?? '');
      if (!issue) return notFound();
      // "400 Returned if … the user does not have permission to add the worklog" (no 403 documented).
      if (!site.hasProjectPermission(principal, issue.projectKey, 'WORK_ON_ISSUES')) return badRequest('You do not have the permission to associate a worklog to this issue.');
      const input = (body ?? {}) as { timeSpentSeconds?: number; timeSpent?: string; comment?: unknown; started?: string };
      const seconds = input.timeSpentSeconds ?? (input.timeSpent ? parseTimeSpent(site, input.timeSpent) : undefined);
      if (!seconds || seconds <= 0 || !Number.isFinite(seconds)) return badRequest('Worklog must not be null.');
      const worklog = {
        id: site.newId(),
        author: authorOf(principal),
        timeSpentSeconds: seconds,
        comment: input.comment,
        started: input.started ?? site.timestamp(),
        created: site.timestamp(),
      };
      issue.worklogs.push(worklog);
      return { status: 201, body: worklogJson(site, issue, worklog) };
    },
  },
  {
    method: 'GET',
    pattern: /^\/rest\/api\/3\/issue\/([^/]+)\/transitions$/,
    handle: ({ site, principal, params, query }) => {
      const issue = visibleIssue(site, principal, params[0] ?? '');
      if (!issue) return notFound();
      const allowed = site.hasProjectPermission(principal, issue.projectKey, 'TRANSITION_ISSUES');
      // Conditions are evaluated for the caller; a failing one hides the transition unless asked for.
      const includeUnavailable = query.get('includeUnavailableTransitions') === 'true';
      const transitions = allowed
        ? site
            .transitionsFor(issue)
            .map((transition) => ({ transition, available: site.passesCondition(principal, issue, transition) }))
            .filter(({ available }) => available || includeUnavailable)
            .map(({ transition, available }) => ({
              id: transition.id,
              name: transition.name,
              to: statusJson(site, transition.to),
              hasScreen: false,
              isGlobal: false,
              isInitial: false,
              isAvailable: available,
              isConditional: transition.condition !== undefined,
              isLooped: false,
            }))
        : [];
      return { status: 200, body: { expand: 'transitions', transitions } };
    },
  },
  {
    method: 'POST',
    pattern: /^\/rest\/api\/3\/issue\/([^/]+)\/transitions$/,
    handle: ({ site, principal, params, body }) => {
      const issue = visibleIssue(site, principal, params[0] ?? '');
      if (!issue) return notFound();
      // "400 Returned if … the user does not have permission to transition the issue" (no 403 documented).
      if (!site.hasProjectPermission(principal, issue.projectKey, 'TRANSITION_ISSUES')) return badRequest('You do not have permission to transition this issue.');
      const id = (body as { transition?: { id?: string } } | undefined)?.transition?.id;
      const transition = site.transitionsFor(issue).find((candidate) => candidate.id === String(id));
      if (!transition || !site.passesCondition(principal, issue, transition)) return badRequest(`Transition id '${String(id)}' is not valid for this issue.`);
      issue.status = transition.to;
      issue.updated = site.timestamp();
      return { status: 204, body: undefined };
    },
  },
  {
    method: 'GET',
    pattern: /^\/rest\/api\/3\/issue\/([^/]+)\/properties$/,
    handle: ({ site, principal, params }) => {
      const issue = visibleIssue(site, principal, params[0] ?? '');
      if (!issue) return notFound();
      const base = `${site.seed.site.baseUrl}/rest/api/3/issue/${issue.id}/properties`;
      return { status: 200, body: { keys: [...issue.properties.keys()].map((key) => ({ key, self: `${base}/${encodeURIComponent(key)}` })) } };
    },
  },
  {
    method: 'GET',
    pattern: /^\/rest\/api\/3\/issue\/([^/]+)\/properties\/([^/]+)$/,
    handle: ({ site, principal, params }) => {
      const issue = visibleIssue(site, principal, params[0] ?? '');
      if (!issue) return notFound();
      const key = params[1] ?? '';
      if (!issue.properties.has(key)) return notFound(`The property with key '${key}' does not exist.`);
      return { status: 200, body: { key, value: issue.properties.get(key) } };
    },
  },
  {
    method: 'PUT',
    pattern: /^\/rest\/api\/3\/issue\/([^/]+)\/properties\/([^/]+)$/,
    handle: ({ site, principal, params, body }) => {
      const issue = visibleIssue(site, principal, params[0] ?? '');
      if (!issue) return notFound();
      if (!site.hasProjectPermission(principal, issue.projectKey, 'EDIT_ISSUES')) return forbidden('You do not have permission to edit this issue.');
      const key = params[1] ?? '';
      if (key.length > 255) return badRequest('The property key cannot be longer than 255 characters.');
      const existed = issue.properties.has(key);
      issue.properties.set(key, body);
      return { status: existed ? 200 : 201, body: undefined };
    },
  },
  {
    method: 'DELETE',
    pattern: /^\/rest\/api\/3\/issue\/([^/]+)\/properties\/([^/]+)$/,
    handle: ({ site, principal, params }) => {
      const issue = visibleIssue(site, principal, params[0] ?? '');
      if (!issue) return notFound();
      // "404 Returned if the issue or property is not found, or the user does not have permission to edit the issue" (no 403).
      if (!site.hasProjectPermission(principal, issue.projectKey, 'EDIT_ISSUES')) return notFound('You do not have permission to edit this issue.');
      const key = params[1] ?? '';
      if (!issue.properties.delete(key)) return notFound(`The property with key '${key}' does not exist.`);
      return { status: 204, body: undefined };
    },
  },
];

/**
 * What an anonymous caller may ask; anything else is answered 401. These answer for "anonymous" instead,
 * as Jira does (and Jira's description documents no 401 for the bulk permission check or the list of an
 * issue's properties: nothing granted, and 404 for an issue the caller cannot see).
 */
const ANONYMOUS_ALLOWED = [
  /^\/rest\/api\/3\/mypermissions$/,
  /^\/rest\/api\/3\/project\/search$/,
  /^\/rest\/api\/3\/permissions\/check$/,
  /^\/rest\/api\/3\/issue\/[^/]+\/properties$/,
];

/** Answers one REST call the way Jira Cloud does, for the given principal. */
export function jiraRestHandler(site: JiraSite): JiraRequestHandler {
  // Settled like a call to Jira: what a route throws rejects the promise rather than escaping the call.
  return (request) => new Promise((resolve) => resolve(answer(site, request)));
}

function answer(site: JiraSite, { principal, method, path, body }: Parameters<JiraRequestHandler>[0]): Awaited<ReturnType<JiraRequestHandler>> {
  const url = new URL(path, 'http://jira.invalid');
  const pathname = url.pathname;
  let methodMatched = false;
  for (const route of routes) {
    const match = route.pattern.exec(pathname);
    if (!match) continue;
    if (route.method !== method) {
      methodMatched = true;
      continue;
    }
    if (isAnonymous(site, principal) && !ANONYMOUS_ALLOWED.some((pattern) => pattern.test(pathname))) {
      return unauthorized();
    }
    const params = match.slice(1).map((segment) => decodeURIComponent(segment));
    const reply = route.handle({ site, principal, params, query: url.searchParams, body });
    return { status: reply.status, body: reply.body, ...(reply.headers ? { headers: reply.headers } : {}) };
  }
  return methodMatched
    ? { status: 405, body: errorJson(`Method ${method} is not allowed here.`) }
    : { status: 404, body: errorJson(`The sandbox's Jira does not implement ${method} ${pathname}.`) };
}
