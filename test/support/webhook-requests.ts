import { bitbucketHeaders, githubHeaders } from '../../sandbox/demo/signed-delivery';
import type { WebtriggerRequest } from '../../src/webtrigger-endpoints/webtrigger-http';

function asRequest(accountId: string | undefined, body: string, headers: Record<string, string>): WebtriggerRequest {
  return {
    method: 'POST',
    path: '/',
    headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])),
    queryParameters: accountId ? { account: [accountId] } : {},
    body,
  };
}

/** A webtrigger request as Forge would hand it over, signed like GitHub signs it. */
export function githubRequest(accountId: string | undefined, secret: string, event: string, payload: unknown, deliveryId?: string) {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  return asRequest(accountId, body, githubHeaders(secret, event, body, deliveryId));
}

export function bitbucketRequest(accountId: string | undefined, secret: string, eventKey: string, body: string, deliveryId?: string) {
  return asRequest(accountId, body, bitbucketHeaders(secret, eventKey, body, deliveryId));
}
