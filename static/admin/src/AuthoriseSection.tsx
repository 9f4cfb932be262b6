import Button from '@atlaskit/button/default/button';
import Heading from '@atlaskit/heading';
import { token } from '@atlaskit/tokens';
import { router } from '@forge/bridge';
import { useState } from 'react';
import { ACCOUNT_FIELD_LABELS } from '../../../src/accounts/account-field-labels';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { useResolverAction } from '../../shared/use-resolver-action';
import { AccountSection } from './AccountSection';
import type { AccountSectionProps } from './account-sections';
import { OAuthClientFields } from './OAuthClientFields';
import { TextInputField } from './TextInputField';

const TOKEN_KINDS: Record<string, string> = {
  'bitbucket-cloud': 'a repository or workspace access token',
  gitlab: 'a personal, group or project access token',
  'bitbucket-data-center': 'an HTTP access token of the project, a repository or a user',
};

/**
 * How the app gets a credential for the account: OAuth (the key and secret right beside the button that uses
 * them), the consumer's client credentials, or a token. `onAuthorising` is told when the host's page opens,
 * so the account page can follow the authorisation to its end.
 */
export function AuthoriseSection({ account, actions, onAuthorising }: AccountSectionProps & { onAuthorising: () => void }) {
  const [accessToken, setAccessToken] = useState('');
  const tokenAction = useResolverAction();
  const isBitbucket = account.provider === 'bitbucket-cloud';
  const oauthReady = Boolean(account.oauthClientId) && account.secrets.oauthClientSecret;
  const host = account.providerName;
  return (
    <AccountSection title="Authorise" testId="authorise">
      <div>
        <strong>Credential</strong> <span data-testid="credential-state">{account.secrets.credential ? `•••• set (${account.authMethod.replace('-', ' ')})` : 'not set'}</span>
      </div>
      <Heading size="small" as="h4">
        With OAuth
      </Heading>
      <OAuthClientFields account={account} actions={actions} />
      <div style={{ display: 'flex', gap: token('space.100'), flexWrap: 'wrap', alignItems: 'center' }}>
        <Button
          appearance="primary"
          isDisabled={actions.busy || !oauthReady}
          onClick={() =>
            void actions.act('startAuthorisation', { accountId: account.id }, async (result) => {
              await router.open(result.authoriseUrl);
              onAuthorising();
            })
          }
          aria-describedby="authorise-hint"
          testId="authorise-oauth"
        >
          Authorise with {host}
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
      <span id="authorise-hint" style={{ color: token('color.text.subtle') }} data-testid="authorise-hint">
        {oauthReady
          ? `Opens ${host} in a new tab to approve the access; this page updates by itself when you are done.`
          : `Save the OAuth key and secret of your ${isBitbucket ? 'OAuth consumer' : 'OAuth app'} first (its callback URL is the one above), then authorise.`}
      </span>
      <Heading size="small" as="h4">
        Or with an access token
      </Heading>
      {tokenAction.error && !tokenAction.error.field && <ErrorMessage error={tokenAction.error} />}
      <div style={{ display: 'flex', gap: token('space.100'), alignItems: 'start', flexWrap: 'wrap' }}>
        <div style={{ flex: '1 1 16rem', minWidth: 0 }}>
          <TextInputField
            id="access-token"
            label={ACCOUNT_FIELD_LABELS.accessToken}
            type="password"
            value={accessToken}
            onChange={setAccessToken}
            help={`${TOKEN_KINDS[account.provider] ?? 'a personal or fine-grained token'}, checked with ${host} before it is kept.`.replace(/^./, (first) => first.toUpperCase())}
            problem={tokenAction.error?.field === 'token' ? tokenAction.error.message : null}
            testId="access-token"
          />
        </div>
        <div style={{ paddingTop: token('space.250') }}>
          <Button
            isDisabled={tokenAction.busy || actions.busy || accessToken.trim().length === 0}
            onClick={() =>
              void tokenAction.run('useAccessToken', { accountId: account.id, token: accessToken.trim() }, (result) => {
                setAccessToken('');
                actions.notify(`Token accepted: it belongs to ${result.identity}.`);
                actions.reload();
              })
            }
            testId="save-access-token"
          >
            Save token
          </Button>
        </div>
      </div>
    </AccountSection>
  );
}
