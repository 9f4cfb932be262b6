import { z } from 'zod';
import { AppError } from '../errors/app-error';
import type { Clock } from '../ports/clock';
import { route, type JiraClient } from '../ports/jira';
import { projectOf } from './extract-issue-keys';
import { KeyScan } from './key-scan';

const projectPage = z.object({
  isLast: z.boolean().optional(),
  total: z.number().optional(),
  values: z.array(z.object({ key: z.string() }).loose()),
});

export interface ProjectKeyDirectoryOptions {
  /** A known-good list is trusted this long before it is read again. */
  maxAgeMs?: number;
  /** An unknown key (a new project, or `UTF-8`) triggers a re-read at most this often. */
  unknownKeyRefreshMs?: number;
}

/**
 * The site's project keys, read from Jira as the app and cached for the life of the process. A candidate
 * key whose project is unknown refreshes the list (a project may have been created since), but no more
 * than once per `unknownKeyRefreshMs`, since most unknown keys are look-alikes that will stay unknown.
 */
export class ProjectKeyDirectory {
  private keys: ReadonlySet<string> | undefined;
  private loadedAt = 0;
  private loading: Promise<ReadonlySet<string>> | undefined;
  private readonly maxAgeMs: number;
  private readonly unknownKeyRefreshMs: number;

  constructor(
    private readonly jira: () => JiraClient,
    private readonly clock: Clock,
    options: ProjectKeyDirectoryOptions = {},
  ) {
    this.maxAgeMs = options.maxAgeMs ?? 60 * 60 * 1000;
    this.unknownKeyRefreshMs = options.unknownKeyRefreshMs ?? 5 * 60 * 1000;
  }

  /**
   * Project keys that exist, refreshed first if any project named in `texts` is not known yet. Pass the
   * scan the caller goes on to use, so each text is scanned for keys once.
   */
  async keysFor(texts: readonly string[], scan = new KeyScan()): Promise<ReadonlySet<string>> {
    const now = this.clock.now();
    let keys = this.keys;
    if (!keys || now - this.loadedAt > this.maxAgeMs) keys = await this.reload();
    else if (now - this.loadedAt > this.unknownKeyRefreshMs) {
      const known = keys;
      const unknown = texts.some((text) => scan.candidates(text).some((key) => !known.has(projectOf(key))));
      if (unknown) keys = await this.reload();
    }
    return keys;
  }

  private reload(): Promise<ReadonlySet<string>> {
    this.loading ??= this.fetchAll().then(
      (keys) => {
        this.keys = keys;
        this.loadedAt = this.clock.now();
        this.loading = undefined;
        return keys;
      },
      (error: unknown) => {
        this.loading = undefined;
        throw error;
      },
    );
    return this.loading;
  }

  private async fetchAll(): Promise<ReadonlySet<string>> {
    const keys = new Set<string>();
    for (let startAt = 0; ;) {
      const response = await this.jira().requestJira(route`/rest/api/3/project/search?startAt=${startAt}&maxResults=100`);
      if (!response.ok) {
        throw new AppError('jira_error', `Could not read the site's projects from Jira (HTTP ${response.status}).`);
      }
      const page = projectPage.parse(await response.json());
      for (const project of page.values) keys.add(project.key.toUpperCase());
      startAt += page.values.length;
      if (page.isLast !== false || page.values.length === 0) return keys;
    }
  }
}
