import type { JiraPrincipal } from '../../src/local/local-jira';
import { errorJson } from './jira-representations';
import type { JiraSite, SiteIssue } from './jira-site';

export type Reply = { status: number; body: unknown; headers?: Record<string, string> };
export type Route = {
  method: string;
  pattern: RegExp;
  handle: (args: { site: JiraSite; principal: JiraPrincipal; params: string[]; query: URLSearchParams; body: unknown }) => Reply;
};

const NO_ISSUE = 'Issue does not exist or you do not have permission to see it.';
export const notFound = (message = NO_ISSUE): Reply => ({ status: 404, body: errorJson(message) });
export const badRequest = (message: string): Reply => ({ status: 400, body: errorJson(message) });
export const unauthorized = (): Reply => ({ status: 401, body: errorJson('You are not logged in. Log in to continue.') });
export const forbidden = (message: string): Reply => ({ status: 403, body: errorJson(message) });

export function visibleIssue(site: JiraSite, principal: JiraPrincipal, keyOrId: string): SiteIssue | undefined {
  const issue = site.issue(keyOrId);
  return issue && site.canBrowse(principal, issue.projectKey) ? issue : undefined;
}

export function isAnonymous(site: JiraSite, principal: JiraPrincipal): boolean {
  return principal.kind === 'user' && !site.user(principal.accountId);
}

export function authorOf(principal: JiraPrincipal): string {
  return principal.kind === 'user' ? (principal.accountId ?? '') : 'app';
}
