import { AppError } from '../errors/app-error';
import type { HttpFetch } from '../ports/http';
import { checkApprovedOrigin, checkEnterpriseEgress, isCustomerServerFetch } from './egress-check';
import { PROVIDER_NAMES } from './provider-hosts';

export interface ProviderRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Bearer token; or `basic` for OAuth client authentication. Neither is ever put in an error. */
  token?: string;
  basic?: { user: string; password: string };
  json?: unknown;
  form?: Record<string, string>;
}

export interface ProviderResponse<T = unknown> {
  status: number;
  body: T;
  headers: { get(name: string): string | null };
}

/** What the host said, trimmed, from the usual error fields of GitHub and Bitbucket answers. */
function externalMessageOf(status: number, body: unknown, text: string): string {
  const record = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const nested = typeof record.error === 'object' && record.error !== null ? (record.error as Record<string, unknown>).message : undefined;
  const message = [record.message, record.error_description, nested, record.error].find((candidate): candidate is string => typeof candidate === 'string') ?? text;
  return `HTTP ${status}: ${message.slice(0, 500)}`;
}

/** A body as JSON, or undefined when it is empty or not JSON (a proxy's HTML error page): then its text is what the host said. */
function jsonOrNothing(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * One call to a Git host's API, JSON in and out. Failures become AppErrors whose message says what to do,
 * in words an admin knows; the host's own words are kept separately, and the credential never appears.
 */
export async function providerRequest<T = unknown>(fetch: HttpFetch, hostName: string, url: string, request: ProviderRequest = {}): Promise<ProviderResponse<T>> {
  // A customer's own server is an admin's address: checked again now, before anything is sent, since what
  // its name resolves to may have changed since the account was created (egress-check.ts, which also says
  // what this cannot close on Forge). The name check stays as a second guard for a fetch built unmarked.
  checkApprovedOrigin(fetch, url);
  const customerServer = hostName === PROVIDER_NAMES['github-enterprise'] || isCustomerServerFetch(fetch);
  if (customerServer) await checkEnterpriseEgress(fetch, url, hostName);
  const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': 'jira-dvcs-link' };
  if (request.token) headers.Authorization = `Bearer ${request.token}`;
  if (request.basic) headers.Authorization = `Basic ${Buffer.from(`${request.basic.user}:${request.basic.password}`).toString('base64')}`;
  let body: string | undefined;
  if (request.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(request.json);
  } else if (request.form) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(request.form).toString();
  }
  let response;
  try {
    response = await fetch(url, { method: request.method ?? 'GET', headers, body });
  } catch (error) {
    const name = error instanceof Error ? `${error.name} ${error.message}` : String(error);
    if (/ExternalEndpointNotAllowed|not allowed|egress/i.test(name)) {
      throw new AppError(
        'egress_not_allowed',
        `This app is not permitted to call ${new URL(url).host}. A Forge app may only call the hosts listed in its manifest: add this host under permissions.external.fetch.backend and redeploy (see README, "Reaching a customer's own server").`,
        { cause: error },
      );
    }
    throw new AppError(
      'provider_unreachable',
      `${hostName} could not be reached at ${new URL(url).host}. If it is a server of your own (GitHub Enterprise, self-managed GitLab, Bitbucket Data Center), it must be reachable from Atlassian's cloud over the internet.`,
      { cause: error },
    );
  }
  const text = await response.text();
  const parsed = jsonOrNothing(text);
  if (response.ok) return { status: response.status, body: parsed as T, headers: response.headers };

  const externalMessage = externalMessageOf(response.status, parsed, text);
  // GitHub says `X-RateLimit-Remaining`; GitLab `RateLimit-Remaining` (and answers 429).
  const remaining = response.headers.get('x-ratelimit-remaining') ?? response.headers.get('ratelimit-remaining');
  if (response.status === 429 || (response.status === 403 && (remaining === '0' || response.headers.get('retry-after') !== null))) {
    throw new AppError('provider_rate_limited', `${hostName} is rate-limiting this account. The app will continue after the limit resets.`, {
      externalMessage,
      detail: { retryAfterSeconds: retryAfterSeconds(response.headers, Date.now()) },
    });
  }
  if (response.status === 401) {
    throw new AppError('provider_invalid_credentials', `${hostName} rejected the credentials (401). Authorise the account again, or enter a new token.`, { externalMessage });
  }
  if (response.status === 403) {
    // Forge answers a call to a host missing from the manifest's egress list with a 403 of its own.
    const egressHint = customerServer
      ? ` If this is the first call to this server, the app may not be permitted to reach it yet: see "Reaching a customer's own server" in the README.`
      : '';
    throw new AppError('provider_forbidden', `${hostName} refused this request (403): the credential lacks a permission it needs.${egressHint}`, { externalMessage });
  }
  if (response.status === 404) {
    throw new AppError('provider_not_found', `${hostName} has no such resource, or the credential cannot see it (404).`, { externalMessage });
  }
  throw new AppError('provider_error', `${hostName} answered with an error (HTTP ${response.status}). Try again later.`, { externalMessage });
}

/**
 * How long a host asks to wait: `Retry-After` (seconds), else GitHub's `X-RateLimit-Reset` or GitLab's
 * `RateLimit-Reset` (epoch seconds), else a minute, which is how GitHub advises waiting out a secondary rate limit.
 */
function retryAfterSeconds(headers: { get(name: string): string | null }, now: number): number {
  const retryAfter = Number(headers.get('retry-after'));
  if (Number.isFinite(retryAfter) && retryAfter > 0) return Math.ceil(retryAfter);
  const reset = Number(headers.get('x-ratelimit-reset') ?? headers.get('ratelimit-reset'));
  if (Number.isFinite(reset) && reset > 0) return Math.max(1, Math.ceil(reset - now / 1000));
  return 60;
}
