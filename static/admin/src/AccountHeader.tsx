import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { token } from '@atlaskit/tokens';
import type { AccountDetails } from './account-sections';
import { STATUS_LABELS } from './status-labels';

/** The way back to the list, then which account this is, its status and its host. */
export function AccountHeader({ account, onBack }: { account: AccountDetails; onBack: () => void }) {
  const status = STATUS_LABELS[account.status] ?? { label: account.status, appearance: 'default' as const };
  return (
    <>
      <div>
        <Button appearance="subtle" onClick={onBack}>
          ← All accounts
        </Button>
      </div>
      <div style={{ display: 'flex', gap: token('space.150'), alignItems: 'center' }}>
        <Heading size="large" as="h2">
          {account.providerName} · {account.name}
        </Heading>
        <Lozenge appearance={status.appearance} testId="account-status">
          {status.label}
        </Lozenge>
      </div>
      <span style={{ color: token('color.text.subtle') }}>{account.hostUrl}</span>
    </>
  );
}
