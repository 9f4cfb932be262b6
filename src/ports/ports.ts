import type { Clock } from './clock';
import type { Database } from '../storage/database';
import type { HttpFetch } from './http';
import type { Jira } from './jira';
import type { JobQueue } from './queue';
import type { Secrets } from './secrets';
import type { WebtriggerUrls } from './webtrigger-urls';
import type { AppConfig } from './app-config';

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

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}
