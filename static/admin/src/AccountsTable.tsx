import DynamicTable from '@atlaskit/dynamic-table';
import Lozenge from '@atlaskit/lozenge';
import type { AccountOverview } from '../../../src/accounts/account-list';
import type { AdminOverview } from '../../../src/resolvers/admin-resolvers';
import { relativeTime } from '../../shared/relative-time';

const PROVIDER_NAMES: Record<AccountOverview['provider'], string> = {
  github: 'GitHub',
  'github-enterprise': 'GitHub Enterprise',
  'bitbucket-cloud': 'Bitbucket Cloud',
};

export function AccountsTable({ accounts }: { accounts: AdminOverview['accounts'] }) {
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
          { key: 'webhook', content: 'Webhook URL' },
        ],
      }}
      rows={accounts.map((account) => ({
        key: account.id,
        cells: [
          { key: 'name', content: account.name },
          { key: 'host', content: `${PROVIDER_NAMES[account.provider]} · ${account.hostUrl}` },
          { key: 'status', content: <Lozenge appearance={account.status === 'connected' ? 'success' : 'moved'}>{account.status}</Lozenge> },
          { key: 'repos', content: `${account.linkedRepositoryCount} linked of ${account.repositoryCount}` },
          { key: 'sync', content: account.lastSyncAt === null ? 'Never' : relativeTime(account.lastSyncAt) },
          { key: 'webhook', content: <code style={{ overflowWrap: 'anywhere' }}>{account.webhookUrl}</code> },
        ],
      }))}
    />
    </div>
  );
}
