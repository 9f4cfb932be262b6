import { parseAccountSettings, type AccountSettings } from '../accounts/account-settings';
import { accountSecretKeys } from '../accounts/account-secrets';
import { loadAccount } from '../accounts/load-account';
import { queueDevinfoRepositories, queueDevinfoRepositoryDeletes } from '../dev-info/devinfo-outbox';
import { JIRA_COPY_JOB } from '../jira-copy/jira-copy-job';
import type { Ports } from '../ports/ports';

export async function updateAccount(
  ports: Ports,
  accountId: string,
  changes: { name?: string; oauthClientId?: string; oauthClientSecret?: string; settings?: Partial<AccountSettings> },
): Promise<void> {
  const account = await loadAccount(ports, accountId);
  const settings = { ...parseAccountSettings(account.settings), ...(changes.settings ?? {}) };
  if (changes.oauthClientSecret) await ports.secrets.set(accountSecretKeys(accountId).oauthClientSecret, changes.oauthClientSecret);
  await ports.database.db
    .updateTable('account')
    .set({
      ...(changes.name ? { name: changes.name } : {}),
      ...(changes.oauthClientId !== undefined ? { oauth_client_id: changes.oauthClientId || null } : {}),
      settings: JSON.stringify(settings),
      updated_at: ports.clock.now(),
    })
    .where('id', '=', accountId)
    .execute();
  const wasMirroring = parseAccountSettings(account.settings).mirrorDevelopmentInfo;
  if (settings.mirrorDevelopmentInfo !== wasMirroring) {
    const repositoryIds = (await ports.database.db.selectFrom('repository').select('id').where('account_id', '=', accountId).where('linked', '=', 1).execute()).map(
      (row) => row.id,
    );
    // Switching on sends everything already stored; switching off removes it from Jira again.
    if (settings.mirrorDevelopmentInfo) await queueDevinfoRepositories(ports.database, repositoryIds, ports.clock.now());
    else await queueDevinfoRepositoryDeletes(ports.database, repositoryIds, ports.clock.now());
    await ports.queue.push([{ body: { ...JIRA_COPY_JOB } }]);
  }
}
