import { canViewDevelopmentTools } from '../access/jira-permissions';
import { readDevelopmentSummary, type DevelopmentSummary } from '../dev-info/development-summary';
import type { Ports } from '../ports/ports';
import type { ResolverRequest } from './resolver-request';
import { requireIssueKey, runResolver } from './run-resolver';

export const NO_DEV_TOOLS_MESSAGE = 'You need the View Development Tools permission to see development information.';

export type PanelAccess =
  | { access: 'granted'; issueKey: string; summary: DevelopmentSummary }
  | { access: 'denied'; issueKey: string; message: string };

/** The Development panel's first call: may this user see development data here, and the counts if so. */
export function getDevelopmentSummary(ports: Ports) {
  return (request: ResolverRequest) =>
    runResolver<PanelAccess>('getDevelopmentSummary', ports.log, async () => {
      const issueKey = requireIssueKey(request.context.extension?.issue?.key);
      if (!(await canViewDevelopmentTools(ports.jira.asUser(), issueKey))) {
        return { access: 'denied', issueKey, message: NO_DEV_TOOLS_MESSAGE };
      }
      return { access: 'granted', issueKey, summary: await readDevelopmentSummary(ports.database, issueKey) };
    });
}
