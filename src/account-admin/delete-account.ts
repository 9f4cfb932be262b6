import { deleteAccountSecrets } from '../accounts/account-secrets';
import { connectAccount } from '../accounts/host-connection';
import { queuePurge } from '../dev-info/repository-purge';
import { isAppError } from '../errors/app-error';
import type { Ports } from '../ports/ports';

export interface DeletionReport {
  /** Linked repositories whose development data left the issues (the count the confirmation showed). */
  repositories: number;
  webhooksRemoved: number;
  /** Repositories whose webhook (created by the app) could not be removed: the admin removes these by hand. */
  webhooksLeft: string[];
}

/** Deletes an account: the webhooks it created (best effort, reported), its development data and secrets. */
export async function deleteAccount(ports: Ports, accountId: string): Promise<DeletionReport> {
  const connection = await connectAccount(ports, accountId);
  const repositories = await ports.database.db
    .selectFrom('repository')
    .select(['id', 'provider_repo_id', 'full_name', 'url', 'webhook_id', 'linked'])
    .where('account_id', '=', accountId)
    .execute();
  let webhooksRemoved = 0;
  const webhooksLeft: string[] = [];
  for (const repository of repositories) {
    const webhookId = repository.webhook_id;
    if (!webhookId) continue;
    try {
      await connection.call((host, token) =>
        host.deleteWebhook(token, { providerRepoId: repository.provider_repo_id, fullName: repository.full_name, url: repository.url }, webhookId),
      );
      webhooksRemoved += 1;
    } catch (error) {
      if (!isAppError(error)) throw error;
      ports.log.warn('webhook not removed with its account', { accountId, code: error.code });
      webhooksLeft.push(repository.full_name);
    }
  }
  // The panel stops showing them with the repository rows; the rest of their data is removed in the background.
  await ports.database.db.deleteFrom('repository').where('account_id', '=', accountId).execute();
  await queuePurge(
    ports,
    repositories.map((row) => row.id),
  );
  await ports.database.db.deleteFrom('oauth_state').where('account_id', '=', accountId).execute();
  await ports.database.db.deleteFrom('signature_failure').where('account_id', '=', accountId).execute();
  await ports.database.db.deleteFrom('account').where('id', '=', accountId).execute();
  await deleteAccountSecrets(ports.secrets, accountId);
  // Unlinked repositories are rows kept for a later re-link; their data left the issues when they were unlinked.
  return { repositories: repositories.filter((row) => Number(row.linked) === 1).length, webhooksRemoved, webhooksLeft };
}
