import Button from '@atlaskit/button/default/button';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge/lozenge';
import { token } from '@atlaskit/tokens';
import type { AccountDetails } from './account-sections';
import { statusLozenge, statusSummary } from './account-status-text';

/** The way back to the list, then which account this is, its status (and why) and its host. */
export function AccountHeader({ account, onBack }: { account: AccountDetails; onBack: () => void }) {
  const status = statusLozenge(account.status, account.repositoryResults);
  return (
    <>
      <div>
        <Button appearance="subtle" onClick={onBack}>
          ← All accounts
        </Button>
      </div>
      <div style={{ display: 'flex', gap: token('space.150'), alignItems: 'center', flexWrap: 'wrap' }}>
        <Heading size="large" as="h2">
          {account.providerName} · {account.name}
        </Heading>
        <Lozenge appearance={status.appearance} testId="account-status">
          {status.label}
        </Lozenge>
      </div>
      <p data-testid="account-status-summary" style={{ margin: 0 }}>
        {statusSummary(account.status, account.repositoryResults, account.providerName)}
      </p>
      <span style={{ color: token('color.text.subtle'), overflowWrap: 'anywhere' }}>{account.hostUrl}</span>
    </>
  );
}
