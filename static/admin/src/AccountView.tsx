import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { token } from '@atlaskit/tokens';
import { useEffect, useState } from 'react';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { useResolver } from '../../shared/use-resolver';
import { useResolverAction } from '../../shared/use-resolver-action';
import { AccountHeader } from './AccountHeader';
import type { AccountActions } from './account-sections';
import { AuthoriseSection } from './AuthoriseSection';
import { DeleteAccountSection } from './DeleteAccountSection';
import { OptionsSection } from './OptionsSection';
import { RepositoriesSection } from './RepositoriesSection';
import { SetupValuesSection } from './SetupValuesSection';
import { IN_PROGRESS } from './sync-status';

/** How often the page refreshes while a repository's history is being read. */
const PROGRESS_REFRESH_MS = 3000;

/** One account: what to paste into the Git host, how to authorise, options, repositories, deletion. */
export function AccountView({
  accountId,
  webhookSecret,
  onBack,
  onDeleted,
}: {
  accountId: string;
  webhookSecret?: string;
  onBack: () => void;
  onDeleted: (message: string) => void;
}) {
  const { value, reload } = useResolver('getAccount', { accountId });
  const { run, busy, error } = useResolverAction();
  const [notice, setNotice] = useState<string | null>(null);
  const actions: AccountActions = {
    act: (name, payload, after) => {
      setNotice(null);
      return run(name, payload, async (answer) => {
        await after?.(answer);
        reload();
      });
    },
    busy,
    notify: setNotice,
  };

  const syncing = value.state === 'ready' && value.data.repositories.some((repository) => IN_PROGRESS.has(repository.syncStatus));
  useEffect(() => {
    if (!syncing) return undefined;
    const timer = setTimeout(reload, PROGRESS_REFRESH_MS);
    return () => clearTimeout(timer);
  }, [syncing, value, reload]);

  if (value.state === 'loading') return <Spinner size="large" label="Loading the account" />;
  if (value.state === 'failed') return <ErrorMessage error={value.error} />;
  const account = value.data;

  return (
    <div data-testid="account-view" style={{ display: 'grid', gap: token('space.200'), maxWidth: 800 }}>
      <AccountHeader account={account} onBack={onBack} />
      {error && <ErrorMessage error={error} />}
      {notice && (
        <SectionMessage appearance="success">
          <p data-testid="account-notice">{notice}</p>
        </SectionMessage>
      )}
      <SetupValuesSection account={account} actions={actions} createdSecret={webhookSecret} />
      <AuthoriseSection account={account} actions={actions} />
      <OptionsSection account={account} actions={actions} />
      <RepositoriesSection account={account} actions={actions} onPicked={reload} />
      <DeleteAccountSection account={account} onDeleted={onDeleted} />
    </div>
  );
}
