import { isAppError } from '../errors/app-error';
import { HTTP_STATUS } from '../errors/http-status';
import type { Ports } from '../ports/ports';
import type { WebhookIngestion } from '../webhook-deliveries/webhook-ingestion';
import { handleOAuthCallback } from './oauth-callback';
import { BITBUCKET, BITBUCKET_DC, GITHUB, GITLAB, receiveWebhook } from './webhook-endpoints';
import { jsonResponse, type WebtriggerRequest, type WebtriggerResponse } from './webtrigger-http';

/**
 * Entry points for the three webtriggers. A refusal (an AppError the caller can act on) is answered with
 * its status and message; anything else is logged and answered with 500 and a short message, so the Git
 * host marks the delivery failed and it can be redelivered: nothing is dropped quietly.
 */
export function webtriggerHandlers(ports: Ports, ingestion: WebhookIngestion) {
  const guarded =
    (name: string, handle: (request: WebtriggerRequest) => Promise<WebtriggerResponse>) =>
    async (request: WebtriggerRequest): Promise<WebtriggerResponse> => {
      try {
        return await handle(request);
      } catch (error) {
        if (isAppError(error) && HTTP_STATUS[error.code] < 500) return jsonResponse(HTTP_STATUS[error.code], false, error.message);
        ports.log.error('webtrigger failed', { endpoint: name, error: error instanceof Error ? error.message : String(error) });
        return jsonResponse(500, false, 'The delivery could not be stored. It was not lost: redeliver it from the Git host, or wait for the hourly sync.');
      }
    };
  return {
    githubWebhook: guarded('github', (request) => receiveWebhook(ingestion, GITHUB, request, ports.log)),
    bitbucketWebhook: guarded('bitbucket', (request) => receiveWebhook(ingestion, BITBUCKET, request, ports.log)),
    gitlabWebhook: guarded('gitlab', (request) => receiveWebhook(ingestion, GITLAB, request, ports.log)),
    bitbucketDcWebhook: guarded('bitbucket-data-center', (request) => receiveWebhook(ingestion, BITBUCKET_DC, request, ports.log)),
    oauthCallback: guarded('oauth', (request) => handleOAuthCallback(ports, request)),
  };
}
