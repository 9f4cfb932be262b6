import Button from '@atlaskit/button/default/button';
import { useState } from 'react';
import type { ResolverAnswer } from '../../../src/resolvers/resolver-contract';
import { countOf } from '../../shared/plural';
import { AccountSection } from './AccountSection';
import type { AccountDetails } from './account-sections';
import { DeleteAccountDialog } from './DeleteAccountDialog';

/** What a deletion did, for the list the admin goes back to. */
function deletionNotice(accountName: string, report: ResolverAnswer<'deleteAccount'>): string {
  return (
    `${accountName} was deleted with its secrets and the development data of ${countOf(report.repositories, 'linked repository', 'linked repositories')}; ` +
    `${countOf(report.webhooksRemoved, 'webhook', 'webhooks')} removed from the Git host.` +
    (report.webhooksLeft.length > 0 ? ` Remove these webhooks by hand: ${report.webhooksLeft.join(', ')}.` : '')
  );
}

/** Deleting the account, behind a dialog that says what goes with it. */
export function DeleteAccountSection({ account, onDeleted }: { account: AccountDetails; onDeleted: (notice: string) => void }) {
  const [deleting, setDeleting] = useState(false);
  return (
    <>
      <AccountSection>
        <div>
          <Button appearance="danger" onClick={() => setDeleting(true)} testId="delete-account">
            Delete account
          </Button>
        </div>
      </AccountSection>
      {deleting && (
        <DeleteAccountDialog
          accountId={account.id}
          accountName={account.name}
          repositoryCount={account.repositories.length}
          webhookCount={account.repositories.filter((repository) => repository.webhook === 'app').length}
          onCancel={() => setDeleting(false)}
          onDeleted={(report) => onDeleted(deletionNotice(account.name, report))}
        />
      )}
    </>
  );
}
