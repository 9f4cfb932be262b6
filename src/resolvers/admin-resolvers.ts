import { isJiraAdministrator } from '../access/jira-permissions';
import { listAccounts, type AccountOverview } from '../accounts/account-list';
import { AppError } from '../errors/app-error';
import type { Ports } from '../ports/ports';
import type { ResolverRequest } from './resolver-request';
import { runResolver } from './run-resolver';

export interface AdminOverview {
  accounts: AccountOverview[];
  endpoints: { githubWebhookUrl: string; bitbucketWebhookUrl: string; oauthCallbackUrl: string };
}

/** Admin resolvers check Administer Jira themselves: the page being admin-only is not a security boundary. */
export async function requireAdministrator(ports: Ports): Promise<void> {
  if (!(await isJiraAdministrator(ports.jira.asUser()))) {
    throw new AppError('forbidden', 'Only Jira administrators can manage DVCS accounts.');
  }
}

export function getAdminOverview(ports: Ports) {
  return (_request: ResolverRequest) =>
    runResolver<AdminOverview>('getAdminOverview', ports.log, async () => {
      await requireAdministrator(ports);
      const [accounts, githubWebhookUrl, bitbucketWebhookUrl, oauthCallbackUrl] = await Promise.all([
        listAccounts(ports.database),
        ports.webtriggers.urlFor('github-webhook'),
        ports.webtriggers.urlFor('bitbucket-webhook'),
        ports.webtriggers.urlFor('oauth-callback'),
      ]);
      return { accounts, endpoints: { githubWebhookUrl, bitbucketWebhookUrl, oauthCallbackUrl } };
    });
}
