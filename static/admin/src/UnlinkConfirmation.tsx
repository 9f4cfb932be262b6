import Button from '@atlaskit/button/default/button';
import SectionMessage from '@atlaskit/section-message/section-message';
import Spinner from '@atlaskit/spinner';
import { token } from '@atlaskit/tokens';
import { useEffect, useState } from 'react';
import type { ResolverAnswer } from '../../../src/resolvers/resolver-contract';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { countOf } from '../../shared/plural';
import { useResolverAction } from '../../shared/use-resolver-action';

type Impact = ResolverAnswer<'getUnlinkImpact'>;

interface UnlinkedRepository {
  id: string;
  fullName: string;
  webhook: 'app' | 'manual';
}

/** "148 commits, 12 branches and 3 pull requests", leaving out what there is none of. */
function itemList(repository: Impact['repositories'][number]): string {
  const parts = [
    repository.commits > 0 ? countOf(repository.commits, 'commit', 'commits') : null,
    repository.branches > 0 ? countOf(repository.branches, 'branch', 'branches') : null,
    repository.pullRequests > 0 ? countOf(repository.pullRequests, 'pull request', 'pull requests') : null,
  ].filter((part): part is string => part !== null);
  if (parts.length === 0) return 'nothing that is on an issue';
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/**
 * Asks before repositories are unlinked, saying what leaves the issues (read from the stored links when
 * asked) and what happens to their webhooks. Inline rather than a modal, as the other confirmations: Jira
 * sizes the app's frame to its content, so a centred modal can sit outside the admin's view.
 */
export function UnlinkConfirmation(props: {
  accountId: string;
  repositories: UnlinkedRepository[];
  /** Whether the unlinking itself is running (the caller runs it, with any other change saved at once). */
  busy: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const [impact, setImpact] = useState<Impact | null>(null);
  const { run, error } = useResolverAction();
  const ids = props.repositories.map((repository) => repository.id);
  useEffect(() => {
    void run('getUnlinkImpact', { accountId: props.accountId, repositoryIds: ids }, setImpact, 'What unlinking would remove could not be read.');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.accountId, ids.join(',')]);
  const count = props.repositories.length;
  const title = count === 1 ? `Unlink ${props.repositories[0]!.fullName}?` : `Unlink ${countOf(count, 'repository', 'repositories')}?`;
  const appWebhooks = props.repositories.filter((repository) => repository.webhook === 'app').length;
  return (
    <div data-testid="unlink-dialog" role="alertdialog" aria-label={title}>
      <SectionMessage appearance="warning" title={title}>
        {error && <ErrorMessage error={error} />}
        {!impact && !error && <Spinner size="small" label="Counting what would be removed" />}
        {impact && (
          <>
            <p data-testid="unlink-impact">
              {impact.issues === 0
                ? `Nothing from ${count === 1 ? 'it' : 'them'} is on an issue yet.`
                : `This takes ${count === 1 ? 'its' : 'their'} work off the Development panel of ${countOf(impact.issues, 'issue', 'issues')}, at once:`}
            </p>
            {impact.issues > 0 && (
              <ul>
                {impact.repositories.map((repository) => (
                  <li key={repository.id}>
                    {repository.fullName}: {itemList(repository)}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
        <p>
          {appWebhooks > 0 && `The ${appWebhooks === 1 ? 'webhook' : 'webhooks'} the app added ${appWebhooks === 1 ? 'is' : 'are'} removed from the Git host. `}
          Nothing changes in the repositories themselves; linking again reads their history again.
        </p>
        <div style={{ display: 'flex', gap: token('space.100'), flexWrap: 'wrap' }}>
          <Button appearance="subtle" onClick={props.onCancel} testId="cancel-unlink">
            Cancel
          </Button>
          <Button appearance="warning" isDisabled={props.busy} onClick={props.onConfirm} testId="confirm-unlink">
            {props.busy ? 'Unlinking…' : count === 1 ? 'Unlink repository' : `Unlink ${countOf(count, 'repository', 'repositories')}`}
          </Button>
        </div>
      </SectionMessage>
    </div>
  );
}
