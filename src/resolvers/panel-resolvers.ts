import { z } from 'zod';
import { canViewDevelopmentTools } from '../access/jira-permissions';
import { branchOptions, createBranchForIssue } from '../branches/create-branch';
import type { BuildView, DeploymentView } from '../dev-info/build-reader';
import type { ItemPage } from '../dev-info/dev-info-items';
import { readItemPage, readPanel } from '../dev-info/dev-info-reader';
import type { DevelopmentSummary } from '../dev-info/development-summary';
import { decodeCursor } from '../dev-info/item-cursor';
import type { Ports } from '../ports/ports';
import type { ResolverServices } from './resolver-services';
import { defineResolver, definePayloadResolver } from './define-resolver';
import type { ResolverRequest } from './resolver-request';
import { requireIssueKey } from './run-resolver';

export const NO_DEV_TOOLS_MESSAGE = 'You need the View Development Tools permission to see development information.';

export type PanelAccess =
  | {
      access: 'granted';
      issueKey: string;
      summary: DevelopmentSummary;
      commits: ItemPage;
      branches: ItemPage;
      pullRequests: ItemPage;
      /** The linked repositories with work on the issue: what a full list can be narrowed to. */
      repositories: Array<{ id: string; name: string }>;
      /** The latest build of each pipeline on each branch (match branches and pull requests by repository and branch or number). */
      builds: BuildView[];
      /** The latest deployment to each environment, furthest first. */
      deployments: DeploymentView[];
    }
  | { access: 'denied'; issueKey: string; message: string };

export type ItemsAccess = { access: 'granted'; page: ItemPage } | { access: 'denied'; message: string };

/** A full list's page: the first (no cursor) or the next, narrowed to a repository, a text, a pull request state. */
const itemsPayload = z.strictObject({
  kind: z.enum(['commit', 'branch', 'pull_request']),
  cursor: z.string().min(1).max(2000).optional(),
  repositoryId: z
    .string()
    .regex(/^[\w-]{1,64}$/)
    .optional(),
  text: z.string().max(100).optional(),
  state: z.enum(['OPEN', 'MERGED', 'DECLINED']).optional(),
});

/** Every panel resolver works on the issue the host says is open, never on one named in the payload. */
const openIssue = (request: ResolverRequest) => requireIssueKey(request.context.extension?.issue?.key);

/**
 * The Development panel's first call: whether this user may see development data on the issue the host
 * says is open (one permission request), and if so the counts and first pages (two queries). Someone
 * without View Development Tools gets the reason and no data at all.
 */
export function getDevelopmentPanel(ports: Ports) {
  return defineResolver({ name: 'getDevelopmentPanel', log: ports.log, check: openIssue }, async (issueKey): Promise<PanelAccess> => {
    if (!(await canViewDevelopmentTools(ports.jira.asUser(), issueKey))) {
      return { access: 'denied', issueKey, message: NO_DEV_TOOLS_MESSAGE };
    }
    const panel = await readPanel(ports.database, issueKey);
    return {
      access: 'granted',
      issueKey,
      summary: panel.summary,
      commits: panel.commit,
      branches: panel.branch,
      pullRequests: panel.pull_request,
      repositories: panel.repositories,
      builds: panel.builds,
      deployments: panel.deployments,
    };
  });
}

/** A full list, a page at a time, narrowed on the server; the permission is checked again, as every call stands on its own. */
export function getDevelopmentItems(ports: Ports) {
  return definePayloadResolver(
    { name: 'getDevelopmentItems', log: ports.log, check: openIssue, payload: itemsPayload, refusal: 'This list is out of date. Reload the panel.' },
    async (input, issueKey): Promise<ItemsAccess> => {
      if (!(await canViewDevelopmentTools(ports.jira.asUser(), issueKey))) return { access: 'denied', message: NO_DEV_TOOLS_MESSAGE };
      const after = input.cursor === undefined ? null : decodeCursor(input.cursor);
      const filter = { repositoryId: input.repositoryId, text: input.text?.trim() || undefined, state: input.kind === 'pull_request' ? input.state : undefined };
      const page = await readItemPage(ports.database, issueKey, input.kind, after, undefined, filter);
      return { access: 'granted', page };
    },
  );
}

// Names are checked by branchNameProblem, which says what is wrong; the bound here only keeps requests small.
const createBranchPayload = z.strictObject({
  repositoryId: z.string().regex(/^repo_[0-9a-f]{24}$/),
  name: z.string().max(65_536),
  from: z.string().max(65_536),
});

/** The Create branch form's choices; refused without View Development Tools on the issue. */
export function getBranchOptions(ports: Ports) {
  return defineResolver({ name: 'getBranchOptions', log: ports.log, check: openIssue }, (issueKey) => branchOptions(ports, issueKey));
}

export function createBranch(ports: Ports, { projectKeys }: ResolverServices) {
  return definePayloadResolver(
    { name: 'createBranch', log: ports.log, check: openIssue, payload: createBranchPayload, refusal: 'Choose a repository, a branch to start from and a name.' },
    (input, issueKey) => createBranchForIssue(ports, projectKeys, issueKey, input),
  );
}
