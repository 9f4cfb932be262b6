import { AppError, isAppError } from '../errors/app-error';
import { withEgressPolicy } from '../git-hosts/egress-check';
import type { Credentials, GitHostClient, OAuthClient } from '../git-hosts/git-host-client';
import { gitHostClientFor } from '../git-hosts/host-clients';
import { endpointsFor, isCustomerServer } from '../git-hosts/provider-hosts';
import type { Ports } from '../ports/ports';
import type { AccountTable } from '../storage/schema';
import { accountSecretKeys, readCredentials, writeCredentials } from './account-secrets';
import { setCredentialVerdict, type CredentialVerdict } from './account-status';
import { loadAccount } from './load-account';

/** Refresh a token this long before it expires, so a sync never starts with one about to lapse. */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;

/**
 * The only way the app talks to an account's Git host. It holds the account's working credential
 * (refreshed before it lapses) and records on the account the host's verdict on that credential (see
 * CredentialVerdict): rejected, rate-limited, unreachable, or, at the next call that works, connected again.
 */
export interface HostConnection {
  readonly account: AccountTable;
  /** A call made with the account's working credential. */
  call: <T>(work: (host: GitHostClient, token: string) => Promise<T>) => Promise<T>;
  /** A call made before there is a credential to use: authorising, or checking a token before it is kept. */
  authorise: <T>(work: (host: GitHostClient) => Promise<T>) => Promise<T>;
}

export async function connectAccount(ports: Ports, accountId: string): Promise<HostConnection> {
  return hostConnection(ports, await loadAccount(ports, accountId));
}

function hostConnection(ports: Ports, account: AccountTable): HostConnection {
  const host = gitHostClient(ports, account);
  // Read once per connection (one job slice, one admin action), not once per request.
  let credentials: Credentials | undefined;
  // What the account says now, so the verdict is written only when it changes.
  let verdict = account.status;
  const record = async (next: CredentialVerdict) => {
    if (verdict === next) return;
    verdict = next;
    await setCredentialVerdict(ports, account.id, next);
  };

  const refreshed = async (current: Credentials): Promise<Credentials> => {
    if (!current.refreshToken) {
      await record('invalid-credentials');
      throw new AppError('provider_invalid_credentials', 'The access token has expired. Authorise the account again.');
    }
    try {
      const fresh = { refreshToken: current.refreshToken, ...(await host.refresh(await oauthClientOf(ports, account), current.refreshToken)) };
      await writeCredentials(ports.secrets, account.id, fresh);
      return fresh;
    } catch (error) {
      if (isAppError(error) && (error.code === 'oauth_failed' || error.code === 'provider_invalid_credentials')) await record('invalid-credentials');
      throw error;
    }
  };

  const workingToken = async (): Promise<string> => {
    let current = credentials ?? (await readCredentials(ports.secrets, account.id));
    if (!current) throw new AppError('provider_invalid_credentials', 'This account is not authorised yet. Authorise it, or enter an access token.');
    if (current.expiresAt !== undefined && current.expiresAt - ports.clock.now() < REFRESH_MARGIN_MS) current = await refreshed(current);
    credentials = current;
    return current.accessToken;
  };

  return {
    account,
    async call(work) {
      const token = await workingToken();
      let result: Awaited<ReturnType<typeof work>>;
      try {
        result = await work(host, token);
      } catch (error) {
        if (isAppError(error) && error.code === 'provider_invalid_credentials') {
          credentials = undefined;
          await record('invalid-credentials');
        }
        if (isAppError(error) && error.code === 'provider_rate_limited') await record('rate-limited');
        if (isAppError(error) && error.code === 'provider_unreachable') await record('unreachable');
        throw error;
      }
      // The host answered and took the credential: whatever it said before (a limit, an outage) is over.
      await record('connected');
      return result;
    },
    authorise: (work) => work(host),
  };
}

/** The account's OAuth app (GitHub) or consumer (Bitbucket), as the admin entered it. */
export async function oauthClientOf(ports: Ports, account: AccountTable): Promise<OAuthClient> {
  const clientSecret = await ports.secrets.get(accountSecretKeys(account.id).oauthClientSecret);
  if (!account.oauth_client_id || !clientSecret) {
    throw new AppError('invalid_input', 'Enter the OAuth key and secret of this account first (Edit account).');
  }
  return { clientId: account.oauth_client_id, clientSecret };
}

function gitHostClient(ports: Ports, account: Pick<AccountTable, 'provider' | 'host_url'>): GitHostClient {
  const endpoints = endpointsFor(account.provider, account.host_url, ports.config.providerHosts);
  // Requests to an admin's own server (GitHub Enterprise, self-managed GitLab) are checked again, under this
  // policy, right before they are sent.
  const fetch = withEgressPolicy(ports.fetch, ports.config, ports.clock, {
    customerServer: isCustomerServer(account.provider, account.host_url, ports.config.providerHosts),
    // Only the account's own host: its web (OAuth) and API origins.
    approvedOrigins: [...new Set([new URL(endpoints.web).origin, new URL(endpoints.api).origin])],
  });
  return gitHostClientFor(account.provider, fetch, ports.clock, endpoints);
}
