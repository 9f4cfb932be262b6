import type { RepositoryRef } from '../dev-info/dev-event';
import { isAppError } from '../errors/app-error';
import type { Ports } from '../ports/ports';
import type { RemoteRepository } from '../providers/git-host-client';
import { currentAccessToken, hostClientFor, loadAccount } from './account-admin';

export type Ownership = { status: 'owned'; repository: RemoteRepository } | { status: 'foreign'; accountName: string } | { status: 'unconfirmed'; reason: string };

/** Asks the Git host, with the account's own credential, whether a repository a delivery names is the account's. */
export type OwnershipCheck = (accountId: string, repository: RepositoryRef) => Promise<Ownership>;

export function hostOwnershipCheck(ports: Ports): OwnershipCheck {
  return async (accountId, repository) => {
    try {
      const account = await loadAccount(ports, accountId);
      const token = await currentAccessToken(ports, account);
      const found = await hostClientFor(ports, account).ownedRepository(token, account.name, repository);
      return found ? { status: 'owned', repository: found } : { status: 'foreign', accountName: account.name };
    } catch (error) {
      if (!isAppError(error)) throw error;
      return { status: 'unconfirmed', reason: error.message };
    }
  };
}
