import { writeCredentials } from '../accounts/account-secrets';
import { setCredentialVerdict } from '../accounts/account-status';
import { accountUrls } from '../accounts/account-urls';
import { connectAccount, oauthClientOf } from '../accounts/host-connection';
import { consumeOAuthState, issueOAuthState } from '../accounts/oauth-state';
import { AppError } from '../errors/app-error';
import type { Ports } from '../ports/ports';
import type { AccountTable } from '../storage/schema';

/** A personal, fine-grained or access token instead of OAuth: checked against the host before it is kept. */
export async function useAccessToken(ports: Ports, accountId: string, token: string): Promise<{ identity: string }> {
  const connection = await connectAccount(ports, accountId);
  const { identity } = await connection.authorise((host) => host.verify(token, connection.account.name));
  await writeCredentials(ports.secrets, accountId, { accessToken: token });
  await setCredentialVerdict(ports, accountId, 'connected', 'access-token');
  return { identity };
}

export async function startAuthorisation(ports: Ports, accountId: string): Promise<{ authoriseUrl: string }> {
  const { account, authorise } = await connectAccount(ports, accountId);
  const client = await oauthClientOf(ports, account);
  const state = await issueOAuthState(ports, accountId);
  const { callbackUrl } = await accountUrls(ports, account);
  return { authoriseUrl: await authorise(async (host) => host.authoriseUrl(client, callbackUrl, state)) };
}

/** The OAuth callback: the state must be this account's, unused and fresh; then the code buys the tokens. */
export async function completeAuthorisation(ports: Ports, accountId: string, code: string, state: string): Promise<{ account: AccountTable; identity: string }> {
  const { account, authorise } = await connectAccount(ports, accountId);
  await consumeOAuthState(ports, accountId, state);
  const client = await oauthClientOf(ports, account);
  const { callbackUrl } = await accountUrls(ports, account);
  const { credentials, identity } = await authorise(async (host) => {
    const granted = await host.exchangeCode(client, code, callbackUrl);
    return { credentials: granted, ...(await host.verify(granted.accessToken, account.name)) };
  });
  await writeCredentials(ports.secrets, accountId, credentials);
  await setCredentialVerdict(ports, accountId, 'connected', 'oauth');
  return { account, identity };
}

/** Bitbucket Cloud consumers can authorise without a browser round trip. */
export async function authoriseWithClientCredentials(ports: Ports, accountId: string): Promise<{ identity: string }> {
  const { account, authorise } = await connectAccount(ports, accountId);
  const { credentials, identity } = await authorise(async (host) => {
    if (!host.clientCredentials) throw new AppError('invalid_input', 'Only Bitbucket Cloud accounts can use the client-credentials grant.');
    const granted = await host.clientCredentials(await oauthClientOf(ports, account));
    return { credentials: granted, ...(await host.verify(granted.accessToken, account.name)) };
  });
  await writeCredentials(ports.secrets, accountId, credentials);
  await setCredentialVerdict(ports, accountId, 'connected', 'client-credentials');
  return { identity };
}
