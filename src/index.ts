/**
 * Forge entry points: every `handler` in manifest.yml names an export of this file. Each one gets the
 * Forge-backed ports and hands over to the host-independent core.
 */
import type { AsyncEvent } from '@forge/events';
import Resolver from '@forge/resolver';
import { composeApp, type App } from './app/compose-app';
import { forgePorts, migrateForgeSchema } from './forge/forge-ports';
import { forgeQueue } from './forge/forge-queue';
import { createConsoleLogger } from './logging/console-logger';
import { RESOLVER_NAMES } from './resolvers/resolver-definitions';
import type { ResolverRequest } from './resolvers/resolver-request';
import type { WebtriggerRequest, WebtriggerResponse } from './webtrigger-endpoints/webtrigger-http';

// Built once per warm container, so the project-key and repository caches outlive one invocation.
let app: App | undefined;
const appOnce = async () => (app ??= composeApp(await forgePorts()));

const uiResolver = new Resolver();
for (const name of RESOLVER_NAMES) {
  uiResolver.define(name, async (request) => (await appOnce()).resolvers[name](request as unknown as ResolverRequest));
}
/** Resolver for both Custom UI modules (admin page and issue panel). */
export const uiResolverHandler = uiResolver.getDefinitions();

export async function githubWebhookHandler(request: WebtriggerRequest): Promise<WebtriggerResponse> {
  return (await appOnce()).webtriggers.githubWebhook(request);
}

export async function bitbucketWebhookHandler(request: WebtriggerRequest): Promise<WebtriggerResponse> {
  return (await appOnce()).webtriggers.bitbucketWebhook(request);
}

export async function gitlabWebhookHandler(request: WebtriggerRequest): Promise<WebtriggerResponse> {
  return (await appOnce()).webtriggers.gitlabWebhook(request);
}

export async function bitbucketDcWebhookHandler(request: WebtriggerRequest): Promise<WebtriggerResponse> {
  return (await appOnce()).webtriggers.bitbucketDcWebhook(request);
}

export async function oauthCallbackHandler(request: WebtriggerRequest): Promise<WebtriggerResponse> {
  return (await appOnce()).webtriggers.oauthCallback(request);
}

export async function reconcileHandler(): Promise<void> {
  await (await appOnce()).jobs.reconcile();
}

/** Every five minutes: issue summary properties and development information a lost event left waiting. */
export async function jiraSyncHandler(): Promise<void> {
  await (await appOnce()).jobs.jiraSync();
}

/** Consumer of the backfill queue (`consumer` module, @forge/events 2+): each event carries one job's body. */
export async function backfillConsumerHandler(event: AsyncEvent): Promise<void> {
  await (await appOnce()).jobs.runBackfillJob(event?.body ?? {});
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
