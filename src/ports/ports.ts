import type { Clock } from './clock';
import type { Database } from './database';
import type { HttpFetch } from './http';
import type { Jira } from './jira';
import type { JobQueue } from './queue';
import type { Secrets } from './secrets';
import type { WebtriggerUrls } from './webtrigger-urls';
import type { HostResolver } from '../providers/host-url';
import type { ProviderHosts } from '../providers/provider-hosts';

/** Everything the core needs from its host: Forge in production, the local sandbox otherwise. */
export interface Ports {
  database: Database;
  secrets: Secrets;
  jira: Jira;
  queue: JobQueue;
  clock: Clock;
  fetch: HttpFetch;
  webtriggers: WebtriggerUrls;
  log: Logger;
  config: AppConfig;
}

export interface AppConfig {
  providerHosts: ProviderHosts;
  /** Only the sandbox sets this, for local provider stubs; Forge never allows private addresses. */
  allowPrivateHosts: boolean;
  /** DNS for the private-address check; the system resolver unless a test supplies one. */
  resolveHost?: HostResolver;
  /** How long one queued slice of long work runs before queueing the next (default 20 s). */
  sliceBudgetMs?: number;
}

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}
