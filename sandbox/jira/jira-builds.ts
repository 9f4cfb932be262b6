import { z } from 'zod';
import { forbidden, type Reply, type Route } from './jira-route';
import type { JiraSite } from './jira-site';

/**
 * Jira Software's builds and deployments APIs (`/rest/builds/0.1/bulk`, `/rest/deployments/0.1/bulk`), as far
 * as the app uses them: bulk store, keeping the update with the higher `updateSequenceNumber` as Jira does,
 * and delete by the properties a store request carried (`bulkByProperties`).
 * The request and answer shapes are held to jira-software.v3.json by the contract check (contract/); here
 * only what storing needs is read, and a build naming only unknown issues is refused as Jira refuses it.
 */
const build = z
  .object({ pipelineId: z.string().min(1).max(255), buildNumber: z.number().int(), updateSequenceNumber: z.number().int(), issueKeys: z.array(z.string()).min(1).max(100) })
  .loose();
const deployment = z
  .object({
    deploymentSequenceNumber: z.number().int(),
    updateSequenceNumber: z.number().int(),
    issueKeys: z.array(z.string()).min(1).max(100),
    pipeline: z.object({ id: z.string().min(1).max(255) }).loose(),
    environment: z.object({ id: z.string().min(1).max(255), type: z.string() }).loose(),
  })
  .loose();
/** Properties tag what a request stores, for deleting by them later (at most 5, as Jira documents). */
const properties = z.record(z.string().max(255), z.string().max(255)).optional();
const builds = z.object({ builds: z.array(z.unknown()).max(100), properties }).loose();
const deployments = z.object({ deployments: z.array(z.unknown()).max(100), properties }).loose();

type Stored = { updateSequenceNumber: number; issueKeys: string[]; properties?: Record<string, string> } & Record<string, unknown>;
/** What the sandbox's Jira holds: builds by `pipelineId\nbuildNumber`, deployments by `pipelineId\nenvironmentId\nsequence`. */
export interface StoredBuilds {
  builds: Map<string, Stored>;
  deployments: Map<string, Stored>;
}

const appOnly = (): Reply => forbidden('Only apps with the build or deployment provider module may use this resource.');
const badRequest = (issues: z.core.$ZodIssue[]): Reply => ({ status: 400, body: { errorMessages: issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) } });

function keep(site: JiraSite, into: Map<string, Stored>, key: string, value: Stored): string[] {
  const unknown = value.issueKeys.filter((issueKey) => !site.issue(issueKey));
  const existing = into.get(key);
  if (!existing || value.updateSequenceNumber > existing.updateSequenceNumber) into.set(key, value);
  return unknown;
}

/**
 * Jira's delete by properties (`DELETE /rest/builds/0.1/bulkByProperties`, the same for deployments): every
 * stored item whose submitting request carried all the given properties goes. At least one is required;
 * `_updateSequenceNumber` is no longer supported and is ignored, as jira-software.v3.json says.
 */
function deleteByProperties(into: Map<string, Stored>, query: URLSearchParams): Reply {
  const wanted = [...query.entries()].filter(([name]) => name !== '_updateSequenceNumber');
  if (wanted.length === 0) return { status: 400, body: [{ message: 'At least one property must be given to delete by.' }] };
  for (const [key, stored] of into) if (wanted.every(([name, value]) => stored.properties?.[name] === value)) into.delete(key);
  return { status: 202, body: undefined };
}

export const buildRoutes: Route[] = [
  {
    method: 'DELETE',
    pattern: /^\/rest\/builds\/0\.1\/bulkByProperties$/,
    handle: ({ site, principal, query }) => (principal.kind === 'app' ? deleteByProperties(site.builds.builds, query) : appOnly()),
  },
  {
    method: 'DELETE',
    pattern: /^\/rest\/deployments\/0\.1\/bulkByProperties$/,
    handle: ({ site, principal, query }) => (principal.kind === 'app' ? deleteByProperties(site.builds.deployments, query) : appOnly()),
  },
  {
    method: 'POST',
    pattern: /^\/rest\/builds\/0\.1\/bulk$/,
    handle: ({ site, principal, body }) => {
      if (principal.kind !== 'app') return appOnly();
      const parsed = builds.safeParse(body);
      if (!parsed.success) return badRequest(parsed.error.issues);
      const accepted: Array<{ pipelineId: string; buildNumber: number }> = [];
      const rejected: Array<{ key: { pipelineId: string; buildNumber: number }; errors: Array<{ message: string }> }> = [];
      const unknownIssueKeys = new Set<string>();
      for (const raw of parsed.data.builds) {
        const item = build.safeParse(raw);
        if (!item.success) {
          rejected.push({ key: { pipelineId: '', buildNumber: 0 }, errors: item.error.issues.map((issue) => ({ message: `${issue.path.join('.')}: ${issue.message}` })) });
          continue;
        }
        const key = { pipelineId: item.data.pipelineId, buildNumber: item.data.buildNumber };
        const unknown = keep(site, site.builds.builds, `${key.pipelineId}\n${key.buildNumber}`, { ...item.data, properties: parsed.data.properties ?? {} });
        for (const issueKey of unknown) unknownIssueKeys.add(issueKey);
        if (unknown.length === item.data.issueKeys.length) rejected.push({ key, errors: [{ message: 'The build is associated only with unknown issue keys.' }] });
        else accepted.push(key);
      }
      return { status: 202, body: { acceptedBuilds: accepted, rejectedBuilds: rejected, unknownIssueKeys: [...unknownIssueKeys] } };
    },
  },
  {
    method: 'POST',
    pattern: /^\/rest\/deployments\/0\.1\/bulk$/,
    handle: ({ site, principal, body }) => {
      if (principal.kind !== 'app') return appOnly();
      const parsed = deployments.safeParse(body);
      if (!parsed.success) return badRequest(parsed.error.issues);
      const accepted: Array<{ pipelineId: string; environmentId: string; deploymentSequenceNumber: number }> = [];
      const rejected: Array<{ key: { pipelineId: string; environmentId: string; deploymentSequenceNumber: number }; errors: Array<{ message: string }> }> = [];
      const unknownIssueKeys = new Set<string>();
      for (const raw of parsed.data.deployments) {
        const item = deployment.safeParse(raw);
        if (!item.success) {
          rejected.push({
            key: { pipelineId: '', environmentId: '', deploymentSequenceNumber: 0 },
            errors: item.error.issues.map((issue) => ({ message: `${issue.path.join('.')}: ${issue.message}` })),
          });
          continue;
        }
        const key = { pipelineId: item.data.pipeline.id, environmentId: item.data.environment.id, deploymentSequenceNumber: item.data.deploymentSequenceNumber };
        const unknown = keep(site, site.builds.deployments, `${key.pipelineId}\n${key.environmentId}\n${key.deploymentSequenceNumber}`, {
          ...item.data,
          properties: parsed.data.properties ?? {},
        });
        for (const issueKey of unknown) unknownIssueKeys.add(issueKey);
        if (unknown.length === item.data.issueKeys.length) rejected.push({ key, errors: [{ message: 'The deployment is associated only with unknown issue keys.' }] });
        else accepted.push(key);
      }
      return { status: 202, body: { acceptedDeployments: accepted, rejectedDeployments: rejected, unknownIssueKeys: [...unknownIssueKeys] } };
    },
  },
];
