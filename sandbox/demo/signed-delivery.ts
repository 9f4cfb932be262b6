import { randomUUID } from 'node:crypto';
import { sha256Signature } from '../../src/webhook-deliveries/signature';

/** Headers a Git host sends with a delivery, signed with the account's webhook secret. */
export function githubHeaders(secret: string, event: string, body: string, deliveryId: string = randomUUID()): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-github-event': event,
    'x-github-delivery': deliveryId,
    'x-hub-signature-256': sha256Signature(secret, body),
    'user-agent': 'GitHub-Hookshot/sandbox',
  };
}

export function bitbucketHeaders(secret: string, eventKey: string, body: string, deliveryId: string = randomUUID()): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-event-key': eventKey,
    'x-request-uuid': deliveryId,
    'x-hub-signature': sha256Signature(secret, body),
    'user-agent': 'Bitbucket-Webhooks/2.0',
  };
}

/** GitLab does not sign: it sends the webhook's secret token itself in `X-Gitlab-Token`. */
export function gitlabHeaders(secret: string, event: string, deliveryId: string = randomUUID()): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-gitlab-event': event,
    'x-gitlab-event-uuid': deliveryId,
    'x-gitlab-token': secret,
    'user-agent': 'GitLab/18.6.0',
  };
}
