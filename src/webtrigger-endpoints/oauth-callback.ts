import { completeAuthorisation } from '../account-admin/authorise-account';
import { isAppError } from '../errors/app-error';
import { HTTP_STATUS } from '../errors/http-status';
import type { Ports } from '../ports/ports';
import { PROVIDER_NAMES } from '../git-hosts/provider-hosts';
import type { WebtriggerRequest, WebtriggerResponse } from './webtrigger-http';

const escape = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** A plain page for the admin's browser tab: what happened, and what to do next. */
function page(statusCode: number, title: string, message: string, details?: string): WebtriggerResponse {
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>body{font:16px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#172b4d}
h1{font-size:1.5rem}details{color:#626f86;margin-top:1rem}</style></head>
<body><h1>${escape(title)}</h1><p>${escape(message)}</p>${details ? `<details><summary>Details from the Git host</summary><pre>${escape(details)}</pre></details>` : ''}
<p>You can close this tab and return to Jira: Settings → Apps → DVCS accounts.</p></body></html>`;
  return {
    statusCode,
    headers: {
      'Content-Type': ['text/html; charset=utf-8'],
      'Cache-Control': ['no-store'],
      'Content-Security-Policy': ["default-src 'none'; style-src 'unsafe-inline'"],
      'Referrer-Policy': ['no-referrer'],
    },
    body,
  };
}

/** OAuth 2.0's error codes (RFC 6749, 4.1.2.1), in the admin's words. */
const OAUTH_ERRORS: Record<string, string> = {
  access_denied: 'You (or the Git host) declined the authorisation. Start it again from Jira and choose "Authorize" on the host\'s page.',
  invalid_request: 'The Git host found the authorisation request malformed. Check the OAuth key on the account in Jira, then start again.',
  unauthorized_client: 'The Git host does not let this OAuth app or consumer ask for authorisation this way. Check its settings on the host.',
  unsupported_response_type: 'The Git host does not support this kind of authorisation for the OAuth app. Check its settings on the host.',
  invalid_scope: 'The Git host refused the permissions the app asks for. Check that the OAuth app or consumer may grant them.',
  server_error: 'The Git host had a problem authorising. Try again in a minute.',
  temporarily_unavailable: 'The Git host cannot authorise right now. Try again in a minute.',
  redirect_uri_mismatch: 'The callback URL registered with the Git host does not match. Paste the callback URL shown in Jira into the OAuth app or consumer.',
  application_suspended: 'The Git host has suspended this OAuth app. Check it on the host.',
};

/** Where the Git host sends the admin back after "Authorise": exchanges the code, once, for tokens. */
export async function handleOAuthCallback(ports: Ports, request: WebtriggerRequest): Promise<WebtriggerResponse> {
  const query = (name: string) => request.queryParameters[name]?.[0];
  const accountId = query('account');
  const denied = query('error');
  if (denied) {
    // Anyone can open this address with any text: known codes get fixed words, the rest a short, bounded echo.
    const known = OAUTH_ERRORS[denied];
    return page(
      400,
      'Authorisation was not granted',
      known ?? 'The Git host did not grant the authorisation. Start it again from Jira and choose "Authorize" on the host\'s page.',
      known
        ? undefined
        : `${denied.slice(0, 60)}${denied.length > 60 ? '…' : ''}: ${(query('error_description') ?? '').slice(0, 200)}${(query('error_description') ?? '').length > 200 ? '…' : ''}`,
    );
  }
  const code = query('code');
  const state = query('state');
  if (!accountId || !code || !state) {
    return page(400, 'This link is incomplete', 'The callback is missing its account, code or state. Start the authorisation from Jira rather than opening this address directly.');
  }
  try {
    const { account, identity } = await completeAuthorisation(ports, accountId, code, state);
    return page(
      200,
      `${PROVIDER_NAMES[account.provider]} account connected`,
      `Jira can now read ${account.name} as ${identity}. Pick the repositories to link on the DVCS accounts page.`,
    );
  } catch (error) {
    if (isAppError(error)) {
      ports.log.warn('oauth callback refused', { accountId, code: error.code });
      return page(HTTP_STATUS[error.code], 'The account could not be connected', error.message, error.externalMessage);
    }
    throw error;
  }
}
