import Button from '@atlaskit/button/new';
import TextField from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { useState } from 'react';
import type { ResolverPayload } from '../../../src/resolvers/resolver-contract';

type OAuthKeyChanges = Pick<ResolverPayload<'updateAccount'>, 'oauthClientId' | 'oauthClientSecret'>;

/** The OAuth key and secret; the secret is never shown, only replaced. */
export function OAuthKeyEditor({
  clientId,
  secretSet,
  disabled,
  onSave,
}: {
  clientId: string | null;
  secretSet: boolean;
  disabled: boolean;
  onSave: (changes: OAuthKeyChanges) => Promise<void>;
}) {
  const [id, setId] = useState(clientId ?? '');
  const [secret, setSecret] = useState('');
  return (
    <div style={{ display: 'flex', gap: token('space.100'), alignItems: 'end', flexWrap: 'wrap' }}>
      <div>
        <label htmlFor="oauth-client-id">OAuth key (client id)</label>
        <TextField id="oauth-client-id" value={id} onChange={(event) => setId(event.currentTarget.value)} autoComplete="off" />
      </div>
      <div>
        <label htmlFor="oauth-secret">OAuth secret</label>
        <TextField
          id="oauth-secret"
          type="password"
          value={secret}
          placeholder={secretSet ? '•••• set — type to replace' : ''}
          onChange={(event) => setSecret(event.currentTarget.value)}
          autoComplete="new-password"
        />
      </div>
      <Button
        isDisabled={disabled || (!secret && id === (clientId ?? ''))}
        onClick={() => void onSave({ ...(id ? { oauthClientId: id } : {}), ...(secret ? { oauthClientSecret: secret } : {}) }).then(() => setSecret(''))}
      >
        Save OAuth key
      </Button>
    </div>
  );
}
