import { z } from 'zod';
import { AppError } from '../errors/app-error';
import { jiraReply } from '../jira-rest/jira-reply';
import { route, type JiraClient } from '../ports/jira';

const searchPage = z.object({
  issues: z.array(z.object({ id: z.string(), key: z.string() })),
  nextPageToken: z.string().nullish(),
});

const errorMessages = z.object({ errorMessages: z.array(z.string()).optional() });

/** Keys Jira names in a JQL error such as "An issue with key 'LANG-9999' does not exist for field 'issuekey'". */
function keysNamedIn(message: string, asked: ReadonlySet<string>): string[] {
  return [...message.matchAll(/'([A-Za-z][A-Za-z0-9_]*-\d+)'/g)].map((match) => match[1]!.toUpperCase()).filter((key) => asked.has(key));
}

/**
 * Jira's numeric ids for issue keys, which its bulk property API wants: one JQL search (`issuekey in`)
 * for up to 1,000 keys, asking for no fields. Jira refuses the whole query when a key names no issue, and
 * says which: those keys are dropped and the query asked again (at most three times). Keys missing from the answer do not exist.
 */
export async function lookUpIssueIds(jira: JiraClient, issueKeys: string[]): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  let remaining = [...new Set(issueKeys)];
  for (let attempt = 0; remaining.length > 0 && attempt < 3; attempt += 1) {
    const asked = new Set(remaining);
    const jql = `issuekey in (${remaining.join(', ')})`;
    let nextPageToken: string | undefined;
    let refused: string[] = [];
    do {
      const body = { jql, fields: ['id'], maxResults: 1_000, ...(nextPageToken ? { nextPageToken } : {}) };
      const response = await jira.requestJira(route`/rest/api/3/search/jql`, { method: 'POST', body });
      if (response.status === 400) {
        const errors = errorMessages.safeParse(await response.json().catch(() => ({})));
        const messages = errors.success ? (errors.data.errorMessages ?? []) : [];
        refused = messages.flatMap((message) => keysNamedIn(message, asked));
        if (refused.length === 0) throw new AppError('jira_error', `Looking up issue ids: Jira answered 400${messages[0] ? ` (${messages[0].slice(0, 300)})` : ''}.`);
        break;
      }
      const page = searchPage.parse(await jiraReply(response, 'Looking up issue ids'));
      for (const issue of page.issues) if (asked.has(issue.key)) found.set(issue.key, Number(issue.id));
      nextPageToken = page.nextPageToken ?? undefined;
    } while (nextPageToken);
    if (refused.length === 0) return found;
    const missing = new Set(refused);
    remaining = remaining.filter((key) => !missing.has(key));
  }
  return found;
}
