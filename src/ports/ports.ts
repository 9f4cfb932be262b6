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
  /**
   * Whether Jira can be called as a user who is not here (`jira.asUser(accountId)`): smart commits then act
   * with the committer's own rights. Forge allows it only for scopes the manifest declares with
   * `allowImpersonation: true`, which @forge/manifest 13.7 does not support yet, so it is off on Forge.
   */
  impersonation?: boolean;
}

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}
