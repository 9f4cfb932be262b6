import type { Ports } from '../ports/ports';
import { BITBUCKET, GITHUB, WebhookIngestion } from '../webhooks/webhook-ingestion';
import { handleOAuthCallback } from './oauth-callback';
import { jsonResponse, type WebtriggerRequest, type WebtriggerResponse } from './webtrigger-http';

/**
 * Entry points for the three webtriggers. A failure inside is logged and answered with 500 and a short
 * message, so the Git host marks the delivery failed and it can be redelivered: nothing is dropped quietly.
 */
export function webtriggerHandlers(ports: Ports) {
  const ingestion = new WebhookIngestion(ports);
  const guarded =
    (name: string, handle: (request: WebtriggerRequest) => Promise<WebtriggerResponse>) =>
    async (request: WebtriggerRequest): Promise<WebtriggerResponse> => {
      try {
        return await handle(request);
      } catch (error) {
        ports.log.error('webtrigger failed', { endpoint: name, error: error instanceof Error ? error.message : String(error) });
        return jsonResponse(500, false, 'The delivery could not be stored. It was not lost: redeliver it from the Git host, or wait for the hourly sync.');
      }
    };
  return {
    githubWebhook: guarded('github', (request) => ingestion.handle(GITHUB, request)),
    bitbucketWebhook: guarded('bitbucket', (request) => ingestion.handle(BITBUCKET, request)),
    oauthCallback: guarded('oauth', (request) => handleOAuthCallback(ports, request)),
  };
}
