import Button from '@atlaskit/button/new';
import TextField from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { router } from '@forge/bridge';
import { useState } from 'react';
import { AccountSection } from './AccountSection';
import type { AccountSectionProps } from './account-sections';

/** How the app gets a credential for the account: OAuth, the consumer's client credentials, or a token. */
export function AuthoriseSection({ account, actions }: AccountSectionProps) {
  const [accessToken, setAccessToken] = useState('');
  const isBitbucket = account.provider === 'bitbucket-cloud';
  const oauthReady = Boolean(account.oauthClientId) && account.secrets.oauthClientSecret;
  return (
    <AccountSection title="Authorise">
      <div style={{ display: 'flex', gap: token('space.100'), flexWrap: 'wrap' }}>
        <Button
          appearance="primary"
          isDisabled={actions.busy || !oauthReady}
          onClick={() => void actions.act('startAuthorisation', { accountId: account.id }, (result) => router.open(result.authoriseUrl))}
        >
          Authorise with {account.providerName}
        </Button>
        {isBitbucket && (
          <Button
            isDisabled={actions.busy || !oauthReady}
            onClick={() => void actions.act('authoriseWithClientCredentials', { accountId: account.id }, () => actions.notify('Connected with the consumer’s client credentials.'))}
          >
            Use client credentials
          </Button>
        )}
      </div>
      {!oauthReady && <span style={{ color: token('color.text.subtle') }}>Enter the OAuth key and secret below to authorise with OAuth.</span>}
      <div style={{ display: 'flex', gap: token('space.100'), alignItems: 'end' }}>
        <div style={{ flex: 1 }}>
          <label htmlFor="access-token">Or use an access token ({isBitbucket ? 'repository or workspace access token' : 'personal or fine-grained token'})</label>
          <TextField
            id="access-token"
            type="password"
            value={accessToken}
            onChange={(event) => setAccessToken(event.currentTarget.value)}
            testId="access-token"
            autoComplete="off"
          />
        </div>
        <Button
          isDisabled={actions.busy || accessToken.trim().length === 0}
          onClick={() =>
            void actions.act('useAccessToken', { accountId: account.id, token: accessToken.trim() }, (result) => {
              setAccessToken('');
              actions.notify(`Token accepted: it belongs to ${result.identity}.`);
            })
          }
          testId="save-access-token"
        >
          Save token
        </Button>
      </div>
      <div>
        <strong>Credential</strong> <span data-testid="credential-state">{account.secrets.credential ? '•••• set' : 'not set'}</span>
      </div>
    </AccountSection>
  );
}
