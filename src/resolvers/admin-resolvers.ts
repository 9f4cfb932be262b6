import { isJiraAdministrator } from '../access/jira-permissions';
import { urlForAccount } from '../accounts/account-urls';
import { listAccounts, type AccountOverview } from '../account-admin/list-accounts';
import { AppError } from '../errors/app-error';
import type { Ports } from '../ports/ports';
import { defineResolver } from './define-resolver';

export interface AdminOverview {
  accounts: Array<AccountOverview & { webhookUrl: string }>;
  endpoints: { githubWebhookUrl: string; bitbucketWebhookUrl: string; oauthCallbackUrl: string };
}

/** Admin resolvers check Administer Jira themselves: the page being admin-only is not a security boundary. */
export async function requireAdministrator(ports: Ports): Promise<void> {
  if (!(await isJiraAdministrator(ports.jira.asUser()))) {
    throw new AppError('forbidden', 'Only Jira administrators can manage DVCS accounts.');
  }
}

export function getAdminOverview(ports: Ports) {
  return defineResolver({ name: 'getAdminOverview', log: ports.log, check: () => requireAdministrator(ports) }, async (): Promise<AdminOverview> => {
    const [accounts, githubWebhookUrl, bitbucketWebhookUrl, oauthCallbackUrl] = await Promise.all([
      listAccounts(ports.database),
      ports.webtriggers.urlFor('github-webhook'),
      ports.webtriggers.urlFor('bitbucket-webhook'),
      ports.webtriggers.urlFor('oauth-callback'),
    ]);
    // Each account's deliveries carry its id, which picks the secret their signature is checked against.
    const withWebhooks = accounts.map((account) => ({
      ...account,
      webhookUrl: urlForAccount(account.provider === 'bitbucket-cloud' ? bitbucketWebhookUrl : githubWebhookUrl, account.id),
    }));
    return { accounts: withWebhooks, endpoints: { githubWebhookUrl, bitbucketWebhookUrl, oauthCallbackUrl } };
  });
}
