import { createHash, randomBytes, randomUUID } from 'node:crypto';

export function newAccountId(): string {
  return `acc_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
}

/**
 * A repository's id follows from its account and the host's own id for it, so two deliveries that
 * discover the same new repository at once agree on the row they create.
 */
export function repositoryIdFor(accountId: string, providerRepoId: string): string {
  return `repo_${createHash('sha256').update(`${accountId}\n${providerRepoId}`).digest('hex').slice(0, 24)}`;
}

/** A webhook secret the admin pastes into the Git host: 32 random bytes, hex. */
export function newWebhookSecret(): string {
  return randomBytes(32).toString('hex');
}

export const webhookSecretKey = (accountId: string) => `account:${accountId}:webhook-secret`;
/** The secret before the last regeneration, with when it stops being accepted: `{ "secret", "until" }`. */
export const previousWebhookSecretKey = (accountId: string) => `account:${accountId}:previous-webhook-secret`;
