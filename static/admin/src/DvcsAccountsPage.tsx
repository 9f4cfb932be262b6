import Button from '@atlaskit/button/default/button';
import EmptyState from '@atlaskit/empty-state';
import Heading from '@atlaskit/heading';
import SectionMessage from '@atlaskit/section-message/section-message';
import Spinner from '@atlaskit/spinner';
import { token } from '@atlaskit/tokens';
import { useState } from 'react';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { useResolver } from '../../shared/use-resolver';
import { AccountsTable } from './AccountsTable';
import { AccountView } from './AccountView';
import { DiagnosticsPanel } from './DiagnosticsPanel';
import { EndpointList } from './EndpointList';
import { LinkAccountForm } from './LinkAccountForm';
import { useRefreshOnReturn, useRefreshWhile } from './use-live-refresh';

/** How often the list is read while an account's repositories are reading their history. */
const LIVE_REFRESH_MS = 5000;

const noRefresh = () => {};

type View = { name: 'list'; notice?: string } | { name: 'create' } | { name: 'account'; accountId: string; webhookSecret?: string };

/** Settings → Apps → DVCS accounts. */
export function DvcsAccountsPage() {
  const { value, reload } = useResolver('getAdminOverview');
  const [view, setView] = useState<View>({ name: 'list' });
  const toList = (notice?: string) => {
    setView({ name: 'list', notice });
    reload();
  };
  const onList = view.name === 'list';
  const syncing = value.state === 'ready' && value.data.accounts.some((account) => account.inProgress > 0);
  useRefreshWhile(onList && syncing, reload, LIVE_REFRESH_MS, value);
  // Off the list, the account view reads for itself.
  useRefreshOnReturn(onList ? reload : noRefresh);

  let body;
  if (value.state === 'loading') body = <Spinner size="large" label="Loading DVCS accounts" testId="admin-loading" />;
  else if (value.state === 'failed') {
    body = (
      <div data-testid="admin-error-box">
        <ErrorMessage error={value.error} title={value.error.code === 'forbidden' ? 'Administrators only' : 'DVCS accounts could not be loaded'} />
        {value.error.code !== 'forbidden' && <Button onClick={reload}>Try again</Button>}
      </div>
    );
  } else if (view.name === 'create') {
    body = <LinkAccountForm onCancel={() => toList()} onCreated={(created) => setView({ name: 'account', accountId: created.accountId, webhookSecret: created.webhookSecret })} />;
  } else if (view.name === 'account') {
    body = <AccountView accountId={view.accountId} webhookSecret={view.webhookSecret} onBack={() => toList()} onDeleted={(message) => toList(message)} />;
  } else {
    body = (
      <>
        {view.notice && (
          <SectionMessage appearance="success">
            <p data-testid="admin-notice">{view.notice}</p>
          </SectionMessage>
        )}
        <div>
          <Button appearance="primary" onClick={() => setView({ name: 'create' })} testId="link-account">
            Link a Git account
          </Button>
        </div>
        {value.data.accounts.length === 0 ? (
          <div data-testid="admin-no-accounts">
            <EmptyState
              headingLevel={2}
              width="wide"
              header="No Git accounts linked yet"
              description="Link a GitHub, GitHub Enterprise, Bitbucket Cloud, GitLab or Bitbucket Data Center account to show its commits, branches and pull requests on the issues they mention."
            />
          </div>
        ) : (
          <AccountsTable accounts={value.data.accounts} onOpen={(accountId) => setView({ name: 'account', accountId })} />
        )}
        {value.data.accounts.length > 0 && <DiagnosticsPanel />}
        <EndpointList endpoints={value.data.endpoints} />
      </>
    );
  }
  return (
    <div style={{ padding: token('space.300'), display: 'grid', gap: token('space.300') }}>
      <Heading size="large" as="h1">
        DVCS accounts
      </Heading>
      {body}
    </div>
  );
}
