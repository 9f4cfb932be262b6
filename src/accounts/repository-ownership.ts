import type { RepositoryRef } from '../git-hosts/dev-event';
import { isAppError } from '../errors/app-error';
import type { Ports } from '../ports/ports';
import type { RemoteRepository } from '../git-hosts/git-host-client';
import { connectAccount } from './host-connection';

type Ownership = { status: 'owned'; repository: RemoteRepository } | { status: 'foreign'; accountName: string } | { status: 'unconfirmed'; reason: string };

/** Asks the Git host, with the account's own credential, whether a repository a delivery names is the account's. */
export type OwnershipCheck = (accountId: string, repository: RepositoryRef) => Promise<Ownership>;

export function hostOwnershipCheck(ports: Ports): OwnershipCheck {
  return async (accountId, repository) => {
    try {
      const connection = await connectAccount(ports, accountId);
      const found = await connection.call((host, token) => host.ownedRepository(token, connection.account.name, repository));
      return found ? { status: 'owned', repository: found } : { status: 'foreign', accountName: connection.account.name };
    } catch (error) {
      if (!isAppError(error)) throw error;
      return { status: 'unconfirmed', reason: error.message };
    }
  };
}
