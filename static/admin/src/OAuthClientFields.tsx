import Button from '@atlaskit/button/default/button';
import { token } from '@atlaskit/tokens';
import { useState } from 'react';
import { ACCOUNT_FIELD_LABELS } from '../../../src/accounts/account-field-labels';
import { oauthClientProblem } from '../../../src/accounts/oauth-client-format';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { useResolverAction } from '../../shared/use-resolver-action';
import type { AccountSectionProps } from './account-sections';
import { TextInputField } from './TextInputField';

/**
 * The OAuth key and secret of the account's OAuth app (or consumer), beside the button that uses them. The
 * secret is never shown, only replaced. Checked here for quick feedback and again by the back end, whose
 * message shows beside the field it is about.
 */
export function OAuthClientFields({ account, actions }: AccountSectionProps) {
  const [key, setKey] = useState(account.oauthClientId ?? '');
  const [secret, setSecret] = useState('');
  const [problem, setProblem] = useState<{ field: string; message: string } | null>(null);
  const { run, busy, error } = useResolverAction();
  const changed = secret.trim() !== '' || key.trim() !== (account.oauthClientId ?? '');

  const save = () => {
    const changes = { ...(key.trim() ? { oauthClientId: key.trim() } : {}), ...(secret.trim() ? { oauthClientSecret: secret.trim() } : {}) };
    const local = oauthClientProblem(account.provider, { key: changes.oauthClientId, secret: changes.oauthClientSecret, storedKey: account.oauthClientId });
    setProblem(local);
    if (local) return;
    void run('updateAccount', { accountId: account.id, ...changes }, () => {
      setSecret('');
      actions.notify('OAuth key and secret saved.');
      actions.reload();
    });
  };
  const fieldProblem = (field: string) => (problem?.field === field ? problem.message : error?.field === field ? error.message : null);

  return (
    <div style={{ display: 'grid', gap: token('space.100') }} data-testid="oauth-client">
      {error && !error.field && <ErrorMessage error={error} />}
      <div style={{ display: 'flex', gap: token('space.100'), alignItems: 'start', flexWrap: 'wrap' }}>
        <div style={{ flex: '1 1 14rem', minWidth: 0 }}>
          <TextInputField
            id="oauth-client-id"
            label={ACCOUNT_FIELD_LABELS.oauthClientId}
            value={key}
            onChange={setKey}
            problem={fieldProblem('oauthClientId')}
            testId="oauth-client-id"
          />
        </div>
        <div style={{ flex: '1 1 14rem', minWidth: 0 }}>
          <TextInputField
            id="oauth-secret"
            label={ACCOUNT_FIELD_LABELS.oauthClientSecret}
            type="password"
            value={secret}
            placeholder={account.secrets.oauthClientSecret ? '•••• set — type to replace' : ''}
            autoComplete="new-password"
            onChange={setSecret}
            problem={fieldProblem('oauthClientSecret')}
            testId="oauth-secret"
          />
        </div>
        {/* Aligned with the boxes, below their labels. */}
        <div style={{ paddingTop: token('space.250') }}>
          <Button isDisabled={busy || actions.busy || !changed} onClick={save} testId="save-oauth-client">
            {busy ? 'Saving…' : 'Save OAuth key'}
          </Button>
        </div>
      </div>
    </div>
  );
}
