import { z } from 'zod';
import { jiraReply } from '../jira-rest/jira-reply';
import { route, type JiraClient } from '../ports/jira';
import { safeHttpUrl } from '../urls/http-url';

const users = z.array(z.object({ accountId: z.string(), displayName: z.string().optional(), emailAddress: z.string().optional(), accountType: z.string().optional() }).loose());

export async function usersWithEmail(jira: JiraClient, email: string) {
  const found = users.parse(await jiraReply(await jira.requestJira(route`/rest/api/3/user/search?query=${email}`), 'Looking up the committer'));
  return found.filter((user) => user.accountType !== 'app' && user.emailAddress?.toLowerCase() === email.toLowerCase());
}

export async function issueId(jira: JiraClient, issueKey: string): Promise<string | null> {
  const response = await jira.requestJira(route`/rest/api/3/issue/${issueKey}?fields=project`);
  if (response.status === 404) return null;
  return z.object({ id: z.string() }).parse(await jiraReply(response, `Reading ${issueKey}`)).id;
}

/** Whether `accountId` holds every one of `permissions` on the issue, by Jira's bulk permission check. */
export async function userMay(jira: JiraClient, accountId: string, issue: string, permissions: string[]): Promise<string[]> {
  const answer = z
    .object({ projectPermissions: z.array(z.object({ permission: z.string(), issues: z.array(z.number()).optional() })) })
    .parse(
      await jiraReply(
        await jira.requestJira(route`/rest/api/3/permissions/check`, { method: 'POST', body: { accountId, projectPermissions: [{ issues: [Number(issue)], permissions }] } }),
        'Checking permissions',
      ),
    );
  return permissions.filter((permission) => !answer.projectPermissions.some((grant) => grant.permission === permission && grant.issues?.includes(Number(issue))));
}

const transitionList = z.object({
  transitions: z.array(z.object({ id: z.string(), name: z.string(), isConditional: z.boolean().optional(), isAvailable: z.boolean().optional() })),
});

/** The transitions the caller may take from the issue's status (Jira evaluates the workflow's conditions for the caller). */
export async function transitions(jira: JiraClient, issueKey: string) {
  return transitionList.parse(await jiraReply(await jira.requestJira(route`/rest/api/3/issue/${issueKey}/transitions`), `Reading ${issueKey}'s transitions`)).transitions;
}

/** Every transition from the issue's status, with whether it has conditions, whoever may take it. */
export async function allTransitions(jira: JiraClient, issueKey: string) {
  return transitionList.parse(
    await jiraReply(await jira.requestJira(route`/rest/api/3/issue/${issueKey}/transitions?includeUnavailableTransitions=true`), `Reading ${issueKey}'s transitions`),
  ).transitions;
}

/**
 * Atlassian Document Format for "text", then "— Name via commit abc1234" with a link to the commit. The
 * link is there only when the commit's URL passes `safeHttpUrl`; otherwise the sha is plain text.
 */
export function commentBody(text: string, onBehalfOf: string, commit: { sha: string; url: string | null }) {
  const href = safeHttpUrl(commit.url);
  return {
    type: 'doc',
    version: 1,
    content: [
      ...(text ? [{ type: 'paragraph', content: [{ type: 'text', text }] }] : []),
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: `— ${onBehalfOf} via commit ` },
          href ? { type: 'text', text: commit.sha.slice(0, 7), marks: [{ type: 'link', attrs: { href } }] } : { type: 'text', text: commit.sha.slice(0, 7) },
        ],
      },
    ],
  };
}

/** Jira's worklog time format: 2026-11-01T10:00:00.000+0000. */
export function jiraTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+0000');
}
