import { accountSecretKeys } from '../accounts/account-secrets';
import { loadAccount } from '../accounts/load-account';
import { AppError } from '../errors/app-error';
import { PROVIDER_NAMES } from '../git-hosts/provider-hosts';
import type { Ports } from '../ports/ports';

/**
 * "Sync now" reads what changed since the last sync; "Full resync" reads the whole history again. Both
 * run on the queue, since either can take longer than a resolver may. Both read through the account's
 * credential: without one the request is refused here, rather than queued to fail and leave the
 * repository (and the account) looking as if a credential had been refused.
 */
export async function requestSync(ports: Ports, accountId: string, repositoryId: string, mode: 'now' | 'full'): Promise<void> {
  const account = await loadAccount(ports, accountId);
  const repository = await ports.database.db
    .selectFrom('repository')
    .select(['id', 'linked', 'full_name'])
    .where('id', '=', repositoryId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  if (!repository || Number(repository.linked) !== 1) throw new AppError('not_found', 'This repository is not linked to the account. Reload the page.');
  if (!(await ports.secrets.get(accountSecretKeys(accountId).credentials))) {
    throw new AppError(
      'invalid_input',
      `${account.name} has no credential yet, so the app cannot read ${repository.full_name} from ${PROVIDER_NAMES[account.provider]}. Authorise the account, or save an access token, then sync; until then webhooks keep it up to date.`,
    );
  }
  if (mode === 'full') await ports.database.db.deleteFrom('job').where('id', '=', `backfill:${repositoryId}`).execute();
  await ports.database.db.updateTable('repository').set({ sync_status: 'queued', updated_at: ports.clock.now() }).where('id', '=', repositoryId).execute();
  await ports.queue.push([{ body: { kind: mode === 'full' ? 'backfill' : 'reconcile', repositoryId } }]);
}

/**
 * Limits a repository to some Jira projects (or, with null, lets it reach all of them). The links are
 * rebuilt from the stored data on the queue; nothing is fetched again.
 */
export async function setRepositoryProjects(ports: Ports, accountId: string, repositoryId: string, projectKeys: string[] | null): Promise<void> {
  const repository = await ports.database.db.selectFrom('repository').select('id').where('id', '=', repositoryId).where('account_id', '=', accountId).executeTakeFirst();
  if (!repository) throw new AppError('not_found', 'This repository is not linked to the account. Reload the page.');
  const keys = projectKeys === null ? null : [...new Set(projectKeys.map((key) => key.toUpperCase()))].sort();
  await ports.database.db
    .updateTable('repository')
    .set({ allowed_project_keys: keys === null ? null : JSON.stringify(keys), updated_at: ports.clock.now() })
    .where('id', '=', repositoryId)
    .execute();
  await ports.queue.push([{ body: { kind: 'relink', repositoryId } }]);
}

/** Smart commits on or off for one repository (they also need the account's option on). */
export async function setRepositorySmartCommits(ports: Ports, accountId: string, repositoryId: string, enabled: boolean): Promise<void> {
  const updated = await ports.database.db
    .updateTable('repository')
    .set({ smart_commits: enabled ? 1 : 0, updated_at: ports.clock.now() })
    .where('id', '=', repositoryId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) throw new AppError('not_found', 'This repository is not linked to the account. Reload the page.');
}
