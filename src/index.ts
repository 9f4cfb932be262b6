/**
 * Forge entry points: every `handler` in manifest.yml names an export of this file. Each one gets the
 * Forge-backed ports and hands over to the host-independent core.
 */
import type { AsyncEvent } from '@forge/events';
import Resolver from '@forge/resolver';
import { forgePorts, migrateForgeSchema } from './forge/forge-ports';
import { forgeQueue } from './forge/forge-queue';
import { createConsoleLogger } from './logging/console-logger';
import { RESOLVER_NAMES, resolverDefinitions } from './resolvers/resolver-definitions';
import type { ResolverRequest } from './resolvers/resolver-request';
import { syncHandlers } from './sync/sync-handlers';
import type { WebtriggerRequest, WebtriggerResponse } from './webtriggers/webtrigger-http';
import { webtriggerHandlers } from './webtriggers/webtrigger-handlers';

const uiResolver = new Resolver();
for (const name of RESOLVER_NAMES) {
  uiResolver.define(name, async (request) => resolverDefinitions(await forgePorts())[name](request as unknown as ResolverRequest));
}
/** Resolver for both Custom UI modules (admin page and issue panel). */
export const uiResolverHandler = uiResolver.getDefinitions();

// Built once per warm container, so the project-key and repository caches outlive one delivery.
let webtriggers: ReturnType<typeof webtriggerHandlers> | undefined;
const webtriggersOnce = async () => (webtriggers ??= webtriggerHandlers(await forgePorts()));

export async function githubWebhookHandler(request: WebtriggerRequest): Promise<WebtriggerResponse> {
  return (await webtriggersOnce()).githubWebhook(request);
}

export async function bitbucketWebhookHandler(request: WebtriggerRequest): Promise<WebtriggerResponse> {
  return (await webtriggersOnce()).bitbucketWebhook(request);
}

export async function oauthCallbackHandler(request: WebtriggerRequest): Promise<WebtriggerResponse> {
  return (await webtriggersOnce()).oauthCallback(request);
}

let sync: ReturnType<typeof syncHandlers> | undefined;
const syncOnce = async () => (sync ??= syncHandlers(await forgePorts()));

export async function reconcileHandler(): Promise<void> {
  await (await syncOnce()).reconcile();
}

/** Every five minutes: issue summary properties and development information a lost event left waiting. */
export async function jiraSyncHandler(): Promise<void> {
  await (await syncOnce()).jiraSync();
}

/** Consumer of the backfill queue (`consumer` module, @forge/events 2+): each event carries one job's body. */
export async function backfillConsumerHandler(event: AsyncEvent): Promise<void> {
  await (await syncOnce()).runBackfillJob((event?.body ?? {}) as Record<string, unknown>);
}

/**
 * Install and upgrade: the schema is brought up to date here, so pages and webhooks find it ready. When a
 * step would pass Forge SQL's DDL budget, the rest runs a minute later from the queue.
 */
export async function lifecycleHandler(): Promise<void> {
  const outcome = await migrateForgeSchema();
  createConsoleLogger().info('schema migration', { status: outcome.status, version: outcome.version, ddl: outcome.ddl });
  if (outcome.status === 'partial' || outcome.status === 'busy') await forgeQueue().push([{ body: { kind: 'migrate' }, delayInSeconds: 60 }]);
}
