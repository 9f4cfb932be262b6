import { AccountSection } from './AccountSection';
import type { AccountSectionProps } from './account-sections';
import { LinkedRepositoriesTable } from './LinkedRepositoriesTable';
import { RepositoryPicker } from './RepositoryPicker';
import { SmartCommitErrors } from './SmartCommitErrors';

/** The repositories linked so far, their smart commit errors, and the picker to link more (once there is a credential). */
export function RepositoriesSection({ account, actions }: AccountSectionProps) {
  return (
    <AccountSection title="Repositories">
      <LinkedRepositoriesTable account={account} actions={actions} />
      <SmartCommitErrors repositories={account.repositories} />
      {account.secrets.credential ? (
        <RepositoryPicker account={account} actions={actions} />
      ) : (
        <span>Authorise the account, or save an access token, to pick its repositories.</span>
      )}
    </AccountSection>
  );
}
