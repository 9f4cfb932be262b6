import { accountSecretKeys } from '../accounts/account-secrets';
import { deriveAccountStatus, type AccountStatus } from '../accounts/account-status';
import type { Ports } from '../ports/ports';
import type { Database } from '../storage/database';
import type { AccountTable } from '../storage/schema';
import { accountRepositoryFacts, type AccountRepositoryFacts } from './repository-results';

export interface StoredAccount extends AccountRepositoryFacts {
  id: string;
  provider: AccountTable['provider'];
  hostUrl: string;
  name: string;
  /** What the host last said about the credential (see CredentialVerdict); not the status the admin sees. */
  verdict: string;
}

export interface AccountOverview extends AccountRepositoryFacts {
  id: string;
  provider: AccountTable['provider'];
  hostUrl: string;
  name: string;
  status: AccountStatus;
}

/** Every linked account with its repositories' last results, as stored. Secrets are not in the store. */
export async function listAccounts(database: Database): Promise<StoredAccount[]> {
  const rows = await database.db.selectFrom('account').select(['id', 'provider', 'host_url', 'name', 'status']).orderBy('name').orderBy('id').execute();
  const facts = await accountRepositoryFacts(
    database,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({ id: row.id, provider: row.provider, hostUrl: row.host_url, name: row.name, verdict: row.status, ...facts.get(row.id)! }));
}

/** The admin page's list: each account with the status derived from its credential and its repositories. */
export async function listAccountOverviews(ports: Ports): Promise<AccountOverview[]> {
  const accounts = await listAccounts(ports.database);
  const credentials = await Promise.all(accounts.map((account) => ports.secrets.get(accountSecretKeys(account.id).credentials)));
  return accounts.map(({ verdict, ...account }, index) => ({
    ...account,
    status: deriveAccountStatus({ hasCredential: Boolean(credentials[index]), verdict, repositories: account }),
  }));
}
