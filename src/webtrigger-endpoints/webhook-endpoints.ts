import { normaliseBitbucketDelivery } from '../git-hosts/bitbucket/bitbucket-webhook-normaliser';
import { normaliseBitbucketDcDelivery } from '../git-hosts/bitbucket-data-center/bitbucket-dc-webhook-normaliser';
import { normaliseGithubDelivery } from '../git-hosts/github/github-webhook-normaliser';
import { normaliseGitlabDelivery } from '../git-hosts/gitlab/gitlab-webhook-normaliser';
import type { Logger } from '../ports/ports';
import { verifySecretToken } from '../webhook-deliveries/signature';
import type { DeliverySource, WebhookIngestion } from '../webhook-deliveries/webhook-ingestion';
import { headerValue, jsonResponse, type WebtriggerRequest, type WebtriggerResponse } from './webtrigger-http';
import { FORGE_INVOCATION_PAYLOAD_BYTES } from './webtrigger-limits';

/** A Git host's webhook as HTTP carries it: which headers hold the signature, the event and the delivery id. */
export interface WebhookEndpoint extends DeliverySource {
  signatureHeader: string;
  deliveryHeader: string;
}

export const GITHUB: WebhookEndpoint = {
  name: 'github',
  signatureHeader: 'X-Hub-Signature-256',
  eventHeader: 'X-GitHub-Event',
  deliveryHeader: 'X-GitHub-Delivery',
  normalise: normaliseGithubDelivery,
};

export const BITBUCKET: WebhookEndpoint = {
  name: 'bitbucket',
  signatureHeader: 'X-Hub-Signature',
  eventHeader: 'X-Event-Key',
  deliveryHeader: 'X-Request-UUID',
  normalise: normaliseBitbucketDelivery,
};

/** Bitbucket Data Center signs like Bitbucket Cloud (`X-Hub-Signature: sha256=…`) and numbers deliveries in `X-Request-Id`. */
export const BITBUCKET_DC: WebhookEndpoint = {
  name: 'bitbucket-data-center',
  signatureHeader: 'X-Hub-Signature',
  eventHeader: 'X-Event-Key',
  deliveryHeader: 'X-Request-Id',
  normalise: normaliseBitbucketDcDelivery,
};

/**
 * GitLab sends the webhook's secret token in `X-Gitlab-Token` (compared in constant time), names the event in
 * `X-Gitlab-Event` and each delivery in `X-Gitlab-Event-UUID`.
 */
export const GITLAB: WebhookEndpoint = {
  name: 'gitlab',
  signatureHeader: 'X-Gitlab-Token',
  eventHeader: 'X-Gitlab-Event',
  deliveryHeader: 'X-Gitlab-Event-UUID',
  normalise: normaliseGitlabDelivery,
  verify: verifySecretToken,
};

/** What Forge lets a web trigger receive; GitHub sends up to 25 MB, so a larger push is read by reconciliation. */
const MAX_WEBHOOK_BYTES = FORGE_INVOCATION_PAYLOAD_BYTES;

/**
 * The HTTP side of a webhook delivery: method, size and headers, then the ingestion's outcome as a status.
 * Answers are short JSON that never repeat what was sent. Refusals the ingestion raises reach the caller
 * through the web trigger's error table.
 */
export async function receiveWebhook(ingestion: WebhookIngestion, endpoint: WebhookEndpoint, request: WebtriggerRequest, log: Logger): Promise<WebtriggerResponse> {
  if (request.method !== 'POST') return jsonResponse(405, false, 'Send webhook deliveries with POST.');
  if (Buffer.byteLength(request.body, 'utf8') > MAX_WEBHOOK_BYTES) {
    return jsonResponse(413, false, 'The payload is larger than the 5 MB Forge lets a web trigger receive; the hourly sync reads these changes from the Git host instead.');
  }
  const accountId = request.queryParameters.account?.[0];
  const signature = headerValue(request, endpoint.signatureHeader);
  if (!signature) {
    log.warn('webhook without signature', { provider: endpoint.name, accountId });
    return jsonResponse(401, false, `The ${endpoint.signatureHeader} header is missing: set the webhook's secret in the Git host.`);
  }
  const outcome = await ingestion.receive(endpoint, {
    accountId,
    body: request.body,
    signature,
    event: headerValue(request, endpoint.eventHeader),
    deliveryId: headerValue(request, endpoint.deliveryHeader),
  });
  return jsonResponse(outcome.stored ? 200 : 202, true, outcome.message);
}
