import { RepositoryDirectory } from '../../src/accounts/repository-directory';
import type { OwnershipCheck } from '../../src/accounts/repository-ownership';
import type { Database } from '../../src/storage/database';

export type ContractDatabase = Database & { close(): Promise<void> };

export const PROJECTS = new Set(['DEMO', 'OPS']);
/** The Git host confirms the repository is the account's (the store is under test here, not ownership). */
export const owned: OwnershipCheck = async (_accountId, repository) => ({ status: 'owned', repository });
export const REPO = { providerRepoId: '42', fullName: 'acme/app', url: 'https://github.com/acme/app' };
export const sha = (n: number) => n.toString(16).padStart(40, '0');
export const contractClock = { now: () => 1_800_000_000_000 };

/** A fresh store holding one GitHub account that auto-links, and REPO linked to it. */
export async function storeWithLinkedRepository(open: () => Promise<ContractDatabase>): Promise<{ database: ContractDatabase; repositoryId: string }> {
  const database = await open();
  await database.db
    .insertInto('account')
    .values({
      id: 'acc1',
      provider: 'github',
      host_url: 'https://github.com',
      name: 'acme',
      auth_method: 'oauth',
      status: 'connected',
      settings: '{"autoLinkNewRepositories":true}',
      created_at: 1,
      updated_at: 1,
    })
    .execute();
  const lookup = await new RepositoryDirectory(database, contractClock, owned).lookup('acc1', REPO);
  if (lookup.status !== 'linked') throw new Error(`expected a linked repository, got ${lookup.status}`);
  return { database, repositoryId: lookup.repositoryId };
}
