import SectionMessage from '@atlaskit/section-message/section-message';
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
import { useRefreshOnReturn, useRefreshWhile } from './use-live-refresh';

/** How often the page reads the account while a history is being read or an authorisation is under way. */
const LIVE_REFRESH_MS = 3000;
/** How long an authorisation is followed: the OAuth state it started expires after ten minutes. */
const AUTHORISATION_WINDOW_MS = 10 * 60 * 1000;

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
  // The credential as it was when the host's authorisation page opened: followed until it changes (or the state expires).
  const [authorisingFrom, setAuthorisingFrom] = useState<string | null>(null);
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
    reload,
  };

  const account = value.state === 'ready' ? value.data : null;
  // What the credential looks like now; an authorisation that completed in the other tab changes it.
  const credential = account ? `${account.status}:${account.authMethod}:${String(account.secrets.credential)}` : '';
  const stillAuthorising = authorisingFrom !== null && credential === authorisingFrom;
  useEffect(() => {
    if (authorisingFrom === null) return undefined;
    const expiry = setTimeout(() => setAuthorisingFrom(null), AUTHORISATION_WINDOW_MS);
    return () => clearTimeout(expiry);
  }, [authorisingFrom]);
  const syncing = account?.repositories.some((repository) => IN_PROGRESS.has(repository.syncStatus)) ?? false;
  useRefreshWhile(syncing || stillAuthorising, reload, LIVE_REFRESH_MS, value);
  useRefreshOnReturn(reload);

  if (value.state === 'loading') return <Spinner size="large" label="Loading the account" />;
  if (value.state === 'failed') return <ErrorMessage error={value.error} />;
  const details = value.data;

  return (
    <div data-testid="account-view" style={{ display: 'grid', gap: token('space.200'), maxWidth: 800, minWidth: 0 }}>
      <AccountHeader account={details} onBack={onBack} />
      {error && <ErrorMessage error={error} />}
      {notice && (
        <SectionMessage appearance="success">
          <p data-testid="account-notice">{notice}</p>
        </SectionMessage>
      )}
      <SetupValuesSection account={details} actions={actions} createdSecret={webhookSecret} />
      <AuthoriseSection account={details} actions={actions} onAuthorising={() => setAuthorisingFrom(credential)} />
      <OptionsSection account={details} actions={actions} />
      <RepositoriesSection account={details} actions={actions} />
      <DeleteAccountSection account={details} onDeleted={onDeleted} />
    </div>
  );
}
