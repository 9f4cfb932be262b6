import { sql } from 'kysely';
import { AppError } from '../errors/app-error';
import type { Ports } from '../ports/ports';
import type { AccountTable } from '../storage/schema';
import { newAccountId, newWebhookSecret, webhookSecretKey } from '../accounts/account-ids';
import { accountSecretKeys } from '../accounts/account-secrets';
import { accountSettingsSchema, type AccountSettings } from '../accounts/account-settings';

export interface NewAccount {
  provider: AccountTable['provider'];
  hostUrl: string;
  name: string;
  authMethod: AccountTable['auth_method'];
  settings?: Partial<AccountSettings>;
  oauthClientId?: string;
  oauthClientSecret?: string;
}

/**
 * Creates an account and its webhook secret. The secret goes to secret storage only; it is returned
 * once so it can be shown to the admin to paste into the Git host.
 */
export async function createAccount(ports: Ports, input: NewAccount): Promise<{ id: string; webhookSecret: string }> {
  // One account per organisation, user or workspace on a host (names are case-insensitive on every host).
  const existing = await ports.database.db
    .selectFrom('account')
    .select('name')
    .where('host_url', '=', input.hostUrl)
    .where(sql<boolean>`lower(${sql.ref('name')}) = ${input.name.toLowerCase()}`)
    .executeTakeFirst();
  if (existing) throw new AppError('invalid_input', `${existing.name} on ${input.hostUrl} is already linked. Open it in the list to change it.`);
  const id = newAccountId();
  const webhookSecret = newWebhookSecret();
  const now = ports.clock.now();
  await ports.secrets.set(webhookSecretKey(id), webhookSecret);
  if (input.oauthClientSecret) await ports.secrets.set(accountSecretKeys(id).oauthClientSecret, input.oauthClientSecret);
  await ports.database.db
    .insertInto('account')
    .values({
      id,
      provider: input.provider,
      host_url: input.hostUrl,
      name: input.name,
      auth_method: input.authMethod,
      status: 'needs-authorisation',
      settings: JSON.stringify(accountSettingsSchema.parse(input.settings ?? {})),
      created_at: now,
      updated_at: now,
      oauth_client_id: input.oauthClientId || null,
    })
    .execute();
  return { id, webhookSecret };
}
