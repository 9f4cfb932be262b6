import { AppError } from '../errors/app-error';
import type { Clock } from '../ports/clock';
import type { HttpFetch } from '../ports/http';
import { credentialsFrom, type Credentials } from './git-host-client';
import { providerRequest } from './provider-http';

/**
 * One request to a host's OAuth 2.0 token endpoint (a code, a refresh, client credentials), for the hosts that
 * answer a bad client or grant with an error status. That refusal becomes `oauth_failed` with `rejected`, which
 * says where the admin checks the client; an answer without a token is refused too. (GitHub answers 200 with an
 * `error` field and has its own.)
 */
export async function oauthTokenRequest(
  fetch: HttpFetch,
  clock: Clock,
  hostName: string,
  tokenUrl: string,
  request: { form: Record<string, string>; basic?: { user: string; password: string } },
  rejected: string,
): Promise<Credentials> {
  try {
    const response = await providerRequest<Record<string, unknown>>(fetch, hostName, tokenUrl, { method: 'POST', ...request });
    const credentials = credentialsFrom(response.body ?? {}, clock.now());
    if (!credentials) throw new AppError('oauth_failed', `${hostName} did not issue an access token.`);
    return credentials;
  } catch (error) {
    if (error instanceof AppError && ['provider_invalid_credentials', 'provider_error', 'provider_forbidden'].includes(error.code)) {
      throw new AppError('oauth_failed', rejected, { externalMessage: error.externalMessage, cause: error });
    }
    throw error;
  }
}
