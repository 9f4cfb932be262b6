import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Lozenge from '@atlaskit/lozenge';
import type { ResolverAnswer } from '../../../src/resolvers/resolver-contract';
import { relativeTime } from '../../shared/relative-time';
import { ProviderIcon } from './ProviderIcon';
import { STATUS_LABELS } from './status-labels';

const PROVIDER_NAMES: Record<string, string> = { github: 'GitHub', 'github-enterprise': 'GitHub Enterprise', 'bitbucket-cloud': 'Bitbucket Cloud' };

export function AccountsTable({ accounts, onOpen }: { accounts: ResolverAnswer<'getAdminOverview'>['accounts']; onOpen: (accountId: string) => void }) {
  return (
    <div data-testid="admin-accounts">
      <DynamicTable
        head={{
          cells: [
            { key: 'name', content: 'Account' },
            { key: 'host', content: 'Host' },
            { key: 'status', content: 'Status' },
            { key: 'repos', content: 'Repositories' },
            { key: 'sync', content: 'Last sync' },
            { key: 'actions', content: '' },
          ],
        }}
        rows={accounts.map((account) => {
          const syncing = account.syncingRepositoryCount > 0 && account.status === 'connected';
          const status = syncing
            ? { label: `Syncing ${account.linkedRepositoryCount - account.syncingRepositoryCount} of ${account.linkedRepositoryCount}`, appearance: 'inprogress' as const }
            : (STATUS_LABELS[account.status] ?? { label: account.status, appearance: 'default' as const });
          return {
            key: account.id,
            cells: [
              {
                key: 'name',
                content: (
                  <span>
                    <ProviderIcon provider={account.provider} /> {account.name}
                  </span>
                ),
              },
              { key: 'host', content: `${PROVIDER_NAMES[account.provider] ?? account.provider} · ${account.hostUrl}` },
              { key: 'status', content: <Lozenge appearance={status.appearance}>{status.label}</Lozenge> },
              { key: 'repos', content: `${account.linkedRepositoryCount} linked of ${account.repositoryCount}` },
              { key: 'sync', content: account.lastSyncAt === null ? 'Never' : relativeTime(account.lastSyncAt) },
              {
                key: 'actions',
                content: (
                  <Button onClick={() => onOpen(account.id)} testId={`manage-${account.name}`}>
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
