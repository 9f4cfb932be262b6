import type { JiraPrincipal } from '../../src/local/local-jira';
import type { StoredBuilds } from './jira-builds';
import type { StoredRepository } from './jira-devinfo';
import type { JiraSeed, SeedUser } from './jira-seed';

export interface SiteIssue {
  id: string;
  key: string;
  projectKey: string;
  summary: string;
  issueType: string;
  status: string;
  assignee?: string;
  created: string;
  updated: string;
  comments: Array<{ id: string; author: string; body: unknown; created: string }>;
  worklogs: Array<{ id: string; author: string; timeSpentSeconds: number; comment?: unknown; started: string; created: string }>;
  properties: Map<string, unknown>;
}

/** One of Jira's asynchronous tasks, as `GET /rest/api/3/task/{taskId}` reports it. */
export interface SiteTask {
  id: string;
  description: string;
  status: 'ENQUEUED' | 'RUNNING' | 'COMPLETE' | 'FAILED' | 'CANCEL_REQUESTED' | 'CANCELLED' | 'DEAD';
  result?: unknown;
  submitted: number;
  finished?: number;
}

export const PERMISSION_NAMES: Record<string, { id: string; name: string; type: 'GLOBAL' | 'PROJECT'; description: string }> = {
  ADMINISTER: { id: '0', name: 'Administer Jira', type: 'GLOBAL', description: 'Create and administer projects, issue types, fields, workflows, and schemes for all projects.' },
  BROWSE_PROJECTS: { id: '10', name: 'Browse Projects', type: 'PROJECT', description: 'Ability to browse projects and the issues within them.' },
  VIEW_DEV_TOOLS: {
    id: '29',
    name: 'View Development Tools',
    type: 'PROJECT',
    description: 'Allows users in a software project to view development-related information on the issue, such as commits, reviews and build information.',
  },
  ADD_COMMENTS: { id: '15', name: 'Add Comments', type: 'PROJECT', description: 'Ability to comment on issues.' },
  WORK_ON_ISSUES: { id: '20', name: 'Work On Issues', type: 'PROJECT', description: 'Ability to log work done against an issue.' },
  TRANSITION_ISSUES: { id: '46', name: 'Transition Issues', type: 'PROJECT', description: 'Ability to transition issues.' },
  EDIT_ISSUES: { id: '12', name: 'Edit Issues', type: 'PROJECT', description: 'Ability to edit issues.' },
};

/**
 * The sandbox's Jira: the seed plus what the app writes (comments, worklogs, transitions, properties),
 * and the permission rules Jira applies: global grants and per-project permission schemes, both by group.
 * The app itself (`asApp`) holds every permission, as a Forge app with the right scopes does.
 */
export class JiraSite {
  readonly issues = new Map<string, SiteIssue>();
  /** What apps stored through the development information API, by repository id. */
  readonly devinfo = new Map<string, StoredRepository>();
  /** What the app sent to Jira's builds and deployments APIs (jira-builds.ts). */
  readonly builds: StoredBuilds = { builds: new Map(), deployments: new Map() };
  /** Asynchronous tasks (bulk property writes), by id. */
  readonly tasks = new Map<string, SiteTask>();
  private nextId = 20000;

  constructor(
    readonly seed: JiraSeed,
    private readonly now: () => Date = () => new Date(),
  ) {
    const created = this.now().toISOString();
    for (const issue of seed.issues) {
      this.issues.set(issue.key, {
        ...issue,
        projectKey: issue.key.split('-')[0] ?? '',
        created,
        updated: created,
        comments: [],
        worklogs: [],
        properties: new Map(),
      });
    }
  }

  newId(): string {
    this.nextId += 1;
    return String(this.nextId);
  }

  timestamp(): string {
    return this.now().toISOString();
  }

  user(accountId: string | undefined): SeedUser | undefined {
    return this.seed.users.find((user) => user.accountId === accountId);
  }

  project(keyOrId: string) {
    return this.seed.projects.find((project) => project.key === keyOrId.toUpperCase() || project.id === keyOrId);
  }

  issue(keyOrId: string): SiteIssue | undefined {
    return this.issues.get(keyOrId.toUpperCase()) ?? [...this.issues.values()].find((issue) => issue.id === keyOrId);
  }

  hasGlobal(principal: JiraPrincipal, permission: string): boolean {
    if (principal.kind === 'app') return true;
    const user = this.user(principal.accountId);
    const groups = this.seed.globalPermissions[permission] ?? [];
    return !!user && user.groups.some((group) => groups.includes(group));
  }

  hasProjectPermission(principal: JiraPrincipal, projectKey: string, permission: string): boolean {
    if (principal.kind === 'app') return true;
    const user = this.user(principal.accountId);
    const project = this.project(projectKey);
    if (!user || !project) return false;
    const groups = this.seed.permissionSchemes[project.permissionScheme]?.[permission] ?? [];
    return user.groups.some((group) => groups.includes(group));
  }

  canBrowse(principal: JiraPrincipal, projectKey: string): boolean {
    return this.hasProjectPermission(principal, projectKey, 'BROWSE_PROJECTS');
  }

  /** The transitions from the issue's status. */
  transitionsFor(issue: SiteIssue) {
    return this.seed.workflow.transitions.filter((transition) => transition.from.includes(issue.status));
  }

  /** Whether the transition's condition lets `principal` take it, as Jira evaluates it for the caller. */
  passesCondition(principal: JiraPrincipal, issue: SiteIssue, transition: JiraSeed['workflow']['transitions'][number]): boolean {
    if (transition.condition === 'assignee') return principal.kind === 'user' && principal.accountId === issue.assignee;
    return true;
  }

  status(name: string) {
    return this.seed.workflow.statuses.find((status) => status.name === name);
  }
}
