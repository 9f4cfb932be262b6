import { z } from 'zod';
import { forbidden, notFound, type Reply, type Route } from './jira-route';
import type { JiraSite } from './jira-site';

/**
 * Jira Software's development information API (`/rest/devinfo/0.10`), as far as the app uses it: bulk
 * store, and deleting an entity or a whole repository. Shapes follow the published schema: required fields
 * are required here too, and an entity that breaks the schema is refused in `failedDevinfoEntities` the
 * way Jira refuses it, while the rest of the request is stored. Only apps may call it.
 */
const issueKeys = z.array(z.string().min(1)).min(1).max(500);
const sequence = z.number().int();
const commit = z.object({
  id: z.string().min(1).max(1024),
  issueKeys: z.array(z.string()).max(500),
  updateSequenceId: sequence,
  hash: z.string().max(255).optional(),
  flags: z.array(z.enum(['MERGE_COMMIT'])).optional(),
  message: z.string().max(1024),
  author: z.object({ name: z.string().max(255).optional(), email: z.string().max(255).optional() }),
  fileCount: z.number().int().min(0),
  url: z.url(),
  displayId: z.string().min(1).max(255),
  authorTimestamp: z.iso.datetime(),
});
const branch = z.object({
  id: z.string().min(1).max(1024),
  issueKeys,
  updateSequenceId: sequence,
  name: z.string().min(1).max(512),
  lastCommit: commit,
  createPullRequestUrl: z.url().optional(),
  url: z.url(),
});
const pullRequest = z.object({
  id: z.string().min(1).max(1024),
  issueKeys,
  updateSequenceId: sequence,
  status: z.enum(['OPEN', 'MERGED', 'DECLINED', 'DRAFT', 'UNKNOWN']),
  title: z.string().max(1024),
  author: z.object({ name: z.string().max(255).optional() }),
  commentCount: z.number().int().min(0),
  sourceBranch: z.string().min(1).max(255),
  destinationBranch: z.string().max(255).optional(),
  lastUpdate: z.iso.datetime(),
  url: z.url(),
  displayId: z.string().min(1).max(255),
});
const repository = z.object({
  id: z.string().min(1).max(1024),
  name: z.string().min(1).max(255),
  url: z.url(),
  updateSequenceId: sequence,
  commits: z.array(z.unknown()).max(400).optional(),
  branches: z.array(z.unknown()).max(400).optional(),
  pullRequests: z.array(z.unknown()).max(400).optional(),
});
const bulk = z.object({
  repositories: z.array(repository).min(1).max(100),
  preventTransitions: z.boolean().optional(),
  operationType: z.enum(['NORMAL', 'BACKFILL']).optional(),
  properties: z.record(z.string(), z.string()).optional(),
  providerMetadata: z.object({ product: z.string().max(255).optional() }).optional(),
});

type Entity = { id: string; issueKeys: string[]; updateSequenceId: number } & Record<string, unknown>;
export interface StoredRepository {
  repository: { id: string; name: string; url: string; updateSequenceId: number };
  properties: Record<string, string>;
  commits: Map<string, Entity>;
  branches: Map<string, Entity>;
  pullRequests: Map<string, Entity>;
}

const KINDS = { commits: commit, branches: branch, pullRequests: pullRequest } as const;
const PATH_KINDS: Record<string, keyof typeof KINDS> = { commit: 'commits', branch: 'branches', pull_request: 'pullRequests' };
/** The id of an entity as sent, for the report of one Jira refuses (the entity may be anything at all). */
function entityId(raw: unknown): string {
  const id = raw !== null && typeof raw === 'object' && 'id' in raw ? raw.id : undefined;
  if (id === undefined || id === null) return '';
  return typeof id === 'string' ? id : JSON.stringify(id);
}

const appOnly = (): Reply => forbidden('Only apps with the development information provider module may use this resource.');

export const devinfoRoutes: Route[] = [
  {
    method: 'POST',
    pattern: /^\/rest\/devinfo\/0\.10\/bulk$/,
    handle: ({ site, principal, body }) => {
      if (principal.kind !== 'app') return appOnly();
      const parsed = bulk.safeParse(body);
      // The development information API has its own error shape: `{ errorMessages: [{ message }] }`.
      if (!parsed.success) return { status: 400, body: { errorMessages: parsed.error.issues.map((issue) => ({ message: `${issue.path.join('.')}: ${issue.message}` })) } };
      const accepted: Record<string, Record<string, string[]>> = {};
      // StoreDevinfoResult's EntityError: `{ id, errorMessages: [{ message }] }`.
      const failed: Record<string, Record<string, Array<{ id: string; errorMessages: Array<{ message: string }> }>>> = {};
      const unknownIssueKeys = new Set<string>();
      for (const input of parsed.data.repositories) {
        const stored: StoredRepository = site.devinfo.get(input.id) ?? {
          repository: { id: input.id, name: input.name, url: input.url, updateSequenceId: input.updateSequenceId },
          properties: {},
          commits: new Map(),
          branches: new Map(),
          pullRequests: new Map(),
        };
        if (input.updateSequenceId >= stored.repository.updateSequenceId)
          stored.repository = { id: input.id, name: input.name, url: input.url, updateSequenceId: input.updateSequenceId };
        stored.properties = { ...stored.properties, ...(parsed.data.properties ?? {}) };
        site.devinfo.set(input.id, stored);
        for (const [kind, schema] of Object.entries(KINDS) as Array<[keyof typeof KINDS, (typeof KINDS)[keyof typeof KINDS]]>) {
          for (const raw of input[kind] ?? []) {
            const entity = schema.safeParse(raw);
            const id = entityId(raw);
            if (!entity.success) {
              ((failed[input.id] ??= {})[kind] ??= []).push({ id, errorMessages: entity.error.issues.map((issue) => ({ message: `${issue.path.join('.')}: ${issue.message}` })) });
              continue;
            }
            const value = entity.data as Entity;
            for (const key of value.issueKeys) if (!site.issue(key)) unknownIssueKeys.add(key);
            const existing = stored[kind].get(value.id);
            // Jira keeps the newer of two writes by updateSequenceId; an older one is accepted but ignored.
            if (!existing || value.updateSequenceId >= existing.updateSequenceId) stored[kind].set(value.id, value);
            ((accepted[input.id] ??= {})[kind] ??= []).push(value.id);
          }
        }
      }
      return { status: 202, body: { acceptedDevinfoEntities: accepted, failedDevinfoEntities: failed, unknownIssueKeys: [...unknownIssueKeys] } };
    },
  },
  {
    method: 'GET',
    pattern: /^\/rest\/devinfo\/0\.10\/repository\/([^/]+)$/,
    handle: ({ site, principal, params }) => {
      if (principal.kind !== 'app') return appOnly();
      const stored = site.devinfo.get(params[0] ?? '');
      if (!stored) return notFound('No repository with this id.');
      return {
        status: 200,
        body: { ...stored.repository, commits: [...stored.commits.values()], branches: [...stored.branches.values()], pullRequests: [...stored.pullRequests.values()] },
      };
    },
  },
  {
    method: 'DELETE',
    pattern: /^\/rest\/devinfo\/0\.10\/repository\/([^/]+)$/,
    handle: ({ site, principal, params }) => {
      if (principal.kind !== 'app') return appOnly();
      site.devinfo.delete(params[0] ?? '');
      return { status: 202, body: undefined };
    },
  },
  {
    method: 'DELETE',
    pattern: /^\/rest\/devinfo\/0\.10\/repository\/([^/]+)\/(commit|branch|pull_request)\/([^/]+)$/,
    handle: ({ site, principal, params }) => {
      if (principal.kind !== 'app') return appOnly();
      site.devinfo.get(params[0] ?? '')?.[PATH_KINDS[params[1] ?? ''] ?? 'commits'].delete(params[2] ?? '');
      return { status: 202, body: undefined };
    },
  },
];

/** What Jira's own Development field shows for an issue: counts over every stored repository. */
export function developmentField(site: JiraSite, issueKey: string) {
  let commits = 0;
  let branches = 0;
  let openPullRequests = 0;
  let pullRequests = 0;
  for (const stored of site.devinfo.values()) {
    commits += [...stored.commits.values()].filter((entity) => entity.issueKeys.includes(issueKey)).length;
    branches += [...stored.branches.values()].filter((entity) => entity.issueKeys.includes(issueKey)).length;
    const pulls = [...stored.pullRequests.values()].filter((entity) => entity.issueKeys.includes(issueKey));
    pullRequests += pulls.length;
    openPullRequests += pulls.filter((entity) => entity.status === 'OPEN').length;
  }
  return { commits, branches, pullRequests, openPullRequests };
}
