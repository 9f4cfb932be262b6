import type { Credentials } from '../git-hosts/git-host-client';
import type { Secrets } from '../ports/secrets';
import { previousWebhookSecretKey, webhookSecretKey } from './account-ids';

/** Every secret an account owns, by name: deleting the account deletes each of these. */
export const accountSecretKeys = (accountId: string) => ({
  webhookSecret: webhookSecretKey(accountId),
  previousWebhookSecret: previousWebhookSecretKey(accountId),
  oauthClientSecret: `account:${accountId}:oauth-client-secret`,
  credentials: `account:${accountId}:credentials`,
});

export async function readCredentials(secrets: Secrets, accountId: string): Promise<Credentials | undefined> {
  const stored = await secrets.get(accountSecretKeys(accountId).credentials);
  return stored ? (JSON.parse(stored) as Credentials) : undefined;
}

export async function writeCredentials(secrets: Secrets, accountId: string, credentials: Credentials): Promise<void> {
  await secrets.set(accountSecretKeys(accountId).credentials, JSON.stringify(credentials));
}

export async function deleteAccountSecrets(secrets: Secrets, accountId: string): Promise<void> {
  for (const key of Object.values(accountSecretKeys(accountId))) await secrets.delete(key);
}

/** Deliveries signed with the secret before the last regeneration are still accepted this long. */
export const PREVIOUS_SECRET_GRACE_MS = 60 * 60 * 1000;

/** The previous webhook secret, while it is still accepted. */
export async function previousWebhookSecret(secrets: Secrets, now: number, accountId: string): Promise<string | undefined> {
  const stored = await secrets.get(accountSecretKeys(accountId).previousWebhookSecret);
  if (!stored) return undefined;
  const previous = JSON.parse(stored) as { secret?: string; until?: number };
  return previous.secret && Number(previous.until) > now ? previous.secret : undefined;
}
