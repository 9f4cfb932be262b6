import Button from '@atlaskit/button/default/button';
import DynamicTable from '@atlaskit/dynamic-table';
import Lozenge from '@atlaskit/lozenge/lozenge';
import { PROVIDER_NAMES } from '../../../src/git-hosts/provider-hosts';
import type { ResolverAnswer } from '../../../src/resolvers/resolver-contract';
import { countOf } from '../../shared/plural';
import { relativeTime } from '../../shared/relative-time';
import { statusLozenge } from './account-status-text';
import { ProviderIcon } from './ProviderIcon';
import { visuallyHidden } from '../../shared/visually-hidden';

type Account = ResolverAnswer<'getAdminOverview'>['accounts'][number];

/** The newest thing that brought the account's work in: a sync through the host's API, or a webhook delivery. */
function lastUpdate(account: Account): string {
  const synced = account.lastSyncAt ?? 0;
  const delivered = account.lastDeliveryAt ?? 0;
  if (synced === 0 && delivered === 0) return 'Never';
  return synced >= delivered ? `Synced ${relativeTime(synced)}` : `Webhook ${relativeTime(delivered)}`;
}

export function AccountsTable({ accounts, onOpen }: { accounts: Account[]; onOpen: (accountId: string) => void }) {
  return (
    <div data-testid="admin-accounts" style={{ overflowX: 'auto' }}>
      <DynamicTable
        head={{
          cells: [
            { key: 'name', content: 'Account' },
            { key: 'host', content: 'Host' },
            { key: 'status', content: 'Status' },
            { key: 'repos', content: 'Repositories' },
            { key: 'sync', content: 'Last update' },
            { key: 'actions', content: <span style={visuallyHidden}>Actions</span> },
          ],
        }}
        rows={accounts.map((account) => {
          const status = statusLozenge(account.status, account);
          return {
            key: account.id,
            cells: [
              {
                key: 'name',
                content: (
                  <span style={{ overflowWrap: 'anywhere' }}>
                    <ProviderIcon provider={account.provider} /> {account.name}
                  </span>
                ),
              },
              { key: 'host', content: <span style={{ overflowWrap: 'anywhere' }}>{`${PROVIDER_NAMES[account.provider]} · ${account.hostUrl}`}</span> },
              { key: 'status', content: <Lozenge appearance={status.appearance}>{status.label}</Lozenge> },
              { key: 'repos', content: countOf(account.linked, 'linked', 'linked') },
              { key: 'sync', content: lastUpdate(account) },
              {
                key: 'actions',
                content: (
                  <Button onClick={() => onOpen(account.id)} testId={`manage-${account.name}`} aria-label={`Manage ${account.name}`}>
                    Manage
                  </Button>
                ),
              },
            ],
          };
        })}
      />
    </div>
  );
}
