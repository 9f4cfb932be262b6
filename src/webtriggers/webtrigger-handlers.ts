import type { Ports } from '../ports/ports';
import { jsonResponse, type WebtriggerRequest, type WebtriggerResponse } from './webtrigger-http';

/**
 * Entry points for the three webtriggers. Ingestion (signature check, normalising, storing) and the OAuth
 * exchange arrive with their own issues; until then each endpoint answers honestly that it stores nothing.
 */
export function webtriggerHandlers(ports: Ports) {
  const notYet = (what: string) => async (request: WebtriggerRequest): Promise<WebtriggerResponse> => {
    if (request.method !== 'POST' && what !== 'OAuth callback') {
      return jsonResponse(405, false, 'Send webhook deliveries with POST.');
    }
    ports.log.info('webtrigger called before its feature is enabled', { endpoint: what });
    return jsonResponse(503, false, `${what} handling is not enabled in this version of the app; nothing was stored.`);
  };
  return {
    githubWebhook: notYet('GitHub webhook'),
    bitbucketWebhook: notYet('Bitbucket webhook'),
    oauthCallback: notYet('OAuth callback'),
  };
}
