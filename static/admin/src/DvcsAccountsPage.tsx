import Button from '@atlaskit/button/new';
import EmptyState from '@atlaskit/empty-state';
import Heading from '@atlaskit/heading';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { token } from '@atlaskit/tokens';
import type { AdminOverview } from '../../../src/resolvers/admin-resolvers';
import { useResolver } from '../../shared/use-resolver';
import { AccountsTable } from './AccountsTable';
import { EndpointList } from './EndpointList';

/** Settings → Apps → DVCS accounts. */
export function DvcsAccountsPage() {
  const { value, reload } = useResolver<AdminOverview>('getAdminOverview');
  return (
    <div style={{ padding: token('space.300'), display: 'grid', gap: token('space.300') }}>
      <Heading size="large" as="h1">DVCS accounts</Heading>
      {value.state === 'loading' && <Spinner size="large" label="Loading DVCS accounts" testId="admin-loading" />}
      {value.state === 'failed' && (
        <SectionMessage
          appearance={value.error.code === 'forbidden' ? 'warning' : 'error'}
          title={value.error.code === 'forbidden' ? 'Administrators only' : 'DVCS accounts could not be loaded'}
          actions={value.error.code === 'forbidden' ? [] : [<Button key="retry" onClick={reload}>Try again</Button>]}
        >
          <p data-testid="admin-error">{value.error.message}</p>
        </SectionMessage>
      )}
      {value.state === 'ready' && (
        <>
          {value.data.accounts.length === 0 ? (
            <div data-testid="admin-no-accounts">
              <EmptyState
                headingLevel={2}
                width="wide"
                header="No Git accounts linked yet"
                description="Link a Bitbucket Cloud, GitHub or GitHub Enterprise account to show its commits, branches and pull requests on the issues they mention."
              />
            </div>
          ) : (
            <AccountsTable accounts={value.data.accounts} />
          )}
          <EndpointList endpoints={value.data.endpoints} />
        </>
      )}
    </div>
  );
}
