import { HOST_KINDS } from '../git-hosts/provider-hosts';
import type { Ports } from '../ports/ports';
import type { AccountTable } from '../storage/schema';

/** A webtrigger URL for one account: its deliveries and callbacks name the account they belong to. */
export function urlForAccount(webtriggerUrl: string, accountId: string): string {
  const parsed = new URL(webtriggerUrl);
  parsed.searchParams.set('account', accountId);
  return parsed.toString();
}

/** Where the account's Git host sends the admin back after authorising, and where it delivers webhooks. */
export async function accountUrls(ports: Ports, account: Pick<AccountTable, 'id' | 'provider'>) {
  const [callback, webhook] = await Promise.all([ports.webtriggers.urlFor('oauth-callback'), ports.webtriggers.urlFor(HOST_KINDS[account.provider].webhookTrigger)]);
  return { callbackUrl: urlForAccount(callback, account.id), webhookUrl: urlForAccount(webhook, account.id) };
}
