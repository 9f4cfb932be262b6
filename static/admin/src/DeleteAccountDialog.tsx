import Button from '@atlaskit/button/default/button';
import SectionMessage from '@atlaskit/section-message/section-message';
import { token } from '@atlaskit/tokens';
import type { ResolverAnswer } from '../../../src/resolvers/resolver-contract';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { countOf } from '../../shared/plural';
import { useResolverAction } from '../../shared/use-resolver-action';

/**
 * Says exactly what deleting removes before it happens. It is inline rather than a modal: Jira sizes the
 * app's frame to its content, so a modal centred in a tall frame can sit outside the admin's view.
 */
export function DeleteAccountDialog(props: {
  accountId: string;
  accountName: string;
  repositoryCount: number;
  webhookCount: number;
  onCancel: () => void;
  onDeleted: (report: ResolverAnswer<'deleteAccount'>) => void;
}) {
  const { run, busy, error } = useResolverAction();
  return (
    <div data-testid="delete-dialog" role="alertdialog" aria-label={`Delete ${props.accountName}?`}>
      <SectionMessage appearance="error" title={`Delete ${props.accountName}?`}>
        {error && <ErrorMessage error={error} />}
        <p>This removes, for good:</p>
        <ul>
          <li>the account's OAuth secret, tokens and webhook secret;</li>
          {props.webhookCount > 0 && <li>the webhooks the app created, on {countOf(props.webhookCount, 'repository', 'repositories')};</li>}
          <li>
            the commits, branches and pull requests stored for its {countOf(props.repositoryCount, 'linked repository', 'linked repositories')}, so they leave the Development panel
            of every issue.
          </li>
        </ul>
        <p>Nothing changes in the Git host's repositories themselves.</p>
        <div style={{ display: 'flex', gap: token('space.100'), flexWrap: 'wrap' }}>
          <Button appearance="subtle" onClick={props.onCancel}>
            Cancel
          </Button>
          <Button
            appearance="danger"
            isDisabled={busy}
            testId="confirm-delete"
            onClick={() => void run('deleteAccount', { accountId: props.accountId }, props.onDeleted, 'The account could not be deleted.')}
          >
            {busy ? 'Deleting…' : 'Delete account'}
          </Button>
        </div>
      </SectionMessage>
    </div>
  );
}
