import { repositoryIdFor } from '../accounts/account-ids';
import { accountSecretKeys } from '../accounts/account-secrets';
import { accountUrls } from '../accounts/account-urls';
import { connectAccount } from '../accounts/host-connection';
import { queuePurge } from '../dev-info/repository-purge';
import { isAppError } from '../errors/app-error';
import type { RemoteRepository } from '../git-hosts/git-host-client';
import type { Ports } from '../ports/ports';

interface RemoteRepositoryRow extends RemoteRepository {
  linked: boolean;
  webhook: 'app' | 'manual' | null;
}

/** One page of the repositories the account's credential can see, with whether each is linked here. */
export async function listRemoteRepositories(ports: Ports, accountId: string, cursor: string | null) {
  const connection = await connectAccount(ports, accountId);
  const page = await connection.call((host, token) => host.listRepositories(token, connection.account.name, cursor));
  const stored = await ports.database.db.selectFrom('repository').select(['provider_repo_id', 'linked', 'webhook_id']).where('account_id', '=', accountId).execute();
  const byId = new Map(stored.map((row) => [row.provider_repo_id, row]));
  const repositories: RemoteRepositoryRow[] = page.repositories.map((repository) => {
    const row = byId.get(repository.providerRepoId);
    const linked = Number(row?.linked ?? 0) === 1;
    return { ...repository, linked, webhook: linked ? (row?.webhook_id ? 'app' : 'manual') : null };
  });
  return { repositories, next: page.next };
}

export interface LinkChange extends RemoteRepository {
  linked: boolean;
}

export interface LinkResult {
  fullName: string;
  linked: boolean;
  webhook: 'created' | 'kept' | 'manual' | 'removed' | null;
  message?: string;
}

/**
 * Links and unlinks repositories. Linking creates the webhook through the host's API when the credential
 * may (otherwise the admin gets the manual steps) and queues the backfill; unlinking removes the webhook
 * the app created and the repository's development data, which a later link brings back.
 */
export async function setRepositoryLinks(ports: Ports, accountId: string, changes: LinkChange[]): Promise<LinkResult[]> {
  const connection = await connectAccount(ports, accountId);
  const { webhookUrl } = await accountUrls(ports, connection.account);
  const webhookSecret = await ports.secrets.get(accountSecretKeys(accountId).webhookSecret);
  const results: LinkResult[] = [];
  const now = ports.clock.now();
  for (const change of changes) {
    const id = repositoryIdFor(accountId, change.providerRepoId);
    const existing = await ports.database.db.selectFrom('repository').select(['linked', 'webhook_id']).where('id', '=', id).executeTakeFirst();
    if (change.linked) {
      let webhookId = existing?.webhook_id ?? null;
      let webhook: LinkResult['webhook'] = webhookId ? 'kept' : 'manual';
      let message: string | undefined;
      if (!webhookId && webhookSecret) {
        try {
          webhookId = await connection.call((host, token) => host.createWebhook(token, change, { url: webhookUrl, secret: webhookSecret }));
          webhook = 'created';
        } catch (error) {
          if (!isAppError(error) || !['provider_forbidden', 'provider_not_found'].includes(error.code)) throw error;
          message = `The credential may not create webhooks on ${change.fullName}; add the webhook by hand (see the steps above).`;
        }
      }
      const row = { linked: 1, webhook_id: webhookId, full_name: change.fullName, url: change.url, updated_at: now };
      if (existing) await ports.database.db.updateTable('repository').set(row).where('id', '=', id).execute();
      else {
        await ports.database.db
          .insertInto('repository')
          .values({
            id,
            account_id: accountId,
            provider_repo_id: change.providerRepoId,
            smart_commits: 1,
            allowed_project_keys: null,
            sync_cursor: null,
            sync_status: 'queued',
            last_sync_at: null,
            last_error: null,
            created_at: now,
            ...row,
          })
          .execute();
      }
      if (Number(existing?.linked ?? 0) !== 1) await ports.queue.push([{ body: { kind: 'backfill', repositoryId: id } }]);
      results.push({ fullName: change.fullName, linked: true, webhook, ...(message ? { message } : {}) });
    } else if (existing) {
      let webhook: LinkResult['webhook'] = null;
      let message: string | undefined;
      const webhookId = existing.webhook_id;
      if (webhookId) {
        try {
          await connection.call((host, token) => host.deleteWebhook(token, change, webhookId));
          webhook = 'removed';
        } catch (error) {
          if (!isAppError(error)) throw error;
          message = `The webhook on ${change.fullName} could not be removed (${error.message}); remove it by hand.`;
        }
      }
      await ports.database.db.updateTable('repository').set({ linked: 0, webhook_id: null, updated_at: now }).where('id', '=', id).execute();
      await queuePurge(ports, [id]);
      results.push({ fullName: change.fullName, linked: false, webhook, ...(message ? { message } : {}) });
    }
  }
  return results;
}
