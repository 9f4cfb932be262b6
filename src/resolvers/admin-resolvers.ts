import { isJiraAdministrator } from '../access/jira-permissions';
import { urlForAccount } from '../accounts/account-urls';
import { listAccountOverviews, type AccountOverview } from '../account-admin/list-accounts';
import { AppError } from '../errors/app-error';
import { HOST_KINDS, type WebhookTrigger } from '../git-hosts/provider-hosts';
import type { Ports } from '../ports/ports';
import { defineResolver } from './define-resolver';

export interface AdminOverview {
  accounts: Array<AccountOverview & { webhookUrl: string }>;
  endpoints: { githubWebhookUrl: string; bitbucketWebhookUrl: string; gitlabWebhookUrl: string; bitbucketDcWebhookUrl: string; oauthCallbackUrl: string };
}

/** Admin resolvers check Administer Jira themselves: the page being admin-only is not a security boundary. */
export async function requireAdministrator(ports: Ports): Promise<void> {
  if (!(await isJiraAdministrator(ports.jira.asUser()))) {
    throw new AppError('forbidden', 'Only Jira administrators can manage DVCS accounts.');
  }
}

export function getAdminOverview(ports: Ports) {
  return defineResolver({ name: 'getAdminOverview', log: ports.log, check: () => requireAdministrator(ports) }, async (): Promise<AdminOverview> => {
    const [accounts, githubWebhookUrl, bitbucketWebhookUrl, gitlabWebhookUrl, bitbucketDcWebhookUrl, oauthCallbackUrl] = await Promise.all([
      listAccountOverviews(ports),
      ports.webtriggers.urlFor('github-webhook'),
      ports.webtriggers.urlFor('bitbucket-webhook'),
      ports.webtriggers.urlFor('gitlab-webhook'),
      ports.webtriggers.urlFor('bitbucket-dc-webhook'),
      ports.webtriggers.urlFor('oauth-callback'),
    ]);
    const webhookUrls: Record<WebhookTrigger, string> = {
      'github-webhook': githubWebhookUrl,
      'bitbucket-webhook': bitbucketWebhookUrl,
      'gitlab-webhook': gitlabWebhookUrl,
      'bitbucket-dc-webhook': bitbucketDcWebhookUrl,
    };
    // Each account's deliveries carry its id, which picks the secret their signature is checked against.
    const withWebhooks = accounts.map((account) => ({
      ...account,
      webhookUrl: urlForAccount(webhookUrls[HOST_KINDS[account.provider].webhookTrigger], account.id),
    }));
    return { accounts: withWebhooks, endpoints: { githubWebhookUrl, bitbucketWebhookUrl, gitlabWebhookUrl, bitbucketDcWebhookUrl, oauthCallbackUrl } };
  });
}
