import { newWebhookSecret } from '../accounts/account-ids';
import { accountSecretKeys, PREVIOUS_SECRET_GRACE_MS } from '../accounts/account-secrets';
import { accountUrls } from '../accounts/account-urls';
import { connectAccount } from '../accounts/host-connection';
import { isAppError } from '../errors/app-error';
import type { Ports } from '../ports/ports';

export interface SecretRotation {
  webhookSecret: string;
  /** Webhooks the app created, now sending with the new secret. */
  updated: string[];
  /** Webhooks that still send with the old secret (added by hand, or the host refused), and why. */
  notUpdated: Array<{ fullName: string; reason: string }>;
  /** Until then, deliveries signed with the previous secret are still accepted. */
  previousAcceptedUntil: number;
}

/**
 * A new webhook secret. Every webhook the app created is given it through the host's API; the others
 * are listed, so the admin knows where to paste it. Deliveries signed with the previous secret are
 * accepted for an hour, so nothing in flight (or not yet updated) is refused meanwhile. The count of
 * refused deliveries is kept: it is history, and the diagnostics say when it was last seen.
 */
export async function regenerateWebhookSecret(ports: Ports, accountId: string): Promise<SecretRotation> {
  const connection = await connectAccount(ports, accountId);
  const keys = accountSecretKeys(accountId);
  const previous = await ports.secrets.get(keys.webhookSecret);
  const secret = newWebhookSecret();
  const previousAcceptedUntil = ports.clock.now() + PREVIOUS_SECRET_GRACE_MS;
  if (previous) await ports.secrets.set(keys.previousWebhookSecret, JSON.stringify({ secret: previous, until: previousAcceptedUntil }));
  await ports.secrets.set(keys.webhookSecret, secret);
  const { webhookUrl } = await accountUrls(ports, connection.account);
  const repositories = await ports.database.db
    .selectFrom('repository')
    .select(['provider_repo_id', 'full_name', 'url', 'webhook_id'])
    .where('account_id', '=', accountId)
    .where('linked', '=', 1)
    .orderBy('full_name')
    .orderBy('id')
    .execute();
  const rotation: SecretRotation = { webhookSecret: secret, updated: [], notUpdated: [], previousAcceptedUntil };
  for (const repository of repositories) {
    const webhookId = repository.webhook_id;
    if (!webhookId) {
      rotation.notUpdated.push({ fullName: repository.full_name, reason: 'Its webhook was added by hand: paste the new secret into it.' });
      continue;
    }
    try {
      await connection.call((host, token) =>
        host.updateWebhook(token, { providerRepoId: repository.provider_repo_id, fullName: repository.full_name, url: repository.url }, webhookId, { url: webhookUrl, secret }),
      );
      rotation.updated.push(repository.full_name);
    } catch (error) {
      if (!isAppError(error)) throw error;
      rotation.notUpdated.push({ fullName: repository.full_name, reason: `${error.message} Paste the new secret into its webhook.` });
    }
  }
  ports.log.info('webhook secret regenerated', { accountId, updated: rotation.updated.length, notUpdated: rotation.notUpdated.length });
  return rotation;
}
