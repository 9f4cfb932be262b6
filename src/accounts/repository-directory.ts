import type { RepositoryRef } from '../dev-info/dev-event';
import { parseProjectScope, type ProjectScope } from '../dev-info/project-scope';
import type { Clock } from '../ports/clock';
import type { Database } from '../ports/database';
import { repositoryIdFor } from './account-ids';
import { parseAccountSettings } from './account-settings';

export type RepositoryLookup =
  | { status: 'unknown-account' }
  | { status: 'not-linked'; repositoryId: string }
  | { status: 'linked'; repositoryId: string; provider: string; smartCommits: boolean; scope: ProjectScope; mirror: boolean };

/**
 * Which stored repository a delivery belongs to, and whether it is linked. A repository seen for the
 * first time is added, linked when its account auto-links new repositories. Answers are cached for a
 * short while so that steady webhook traffic costs no extra query; a change an admin makes reaches every
 * Forge container within `ttlMs`.
 */
export class RepositoryDirectory {
  private readonly cache = new Map<string, { value: RepositoryLookup; at: number }>();

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly ttlMs = 30_000,
  ) {}

  async lookup(accountId: string, repository: RepositoryRef): Promise<RepositoryLookup> {
    const cacheKey = `${accountId}\n${repository.providerRepoId}`;
    const cached = this.cache.get(cacheKey);
    const now = this.clock.now();
    if (cached && now - cached.at < this.ttlMs) return cached.value;
    const value = await this.read(accountId, repository, now);
    if (value.status !== 'unknown-account') this.cache.set(cacheKey, { value, at: now });
    return value;
  }

  forget(): void {
    this.cache.clear();
  }

  private async read(accountId: string, repository: RepositoryRef, now: number): Promise<RepositoryLookup> {
    const row = await this.database.db
      .selectFrom('account')
      .leftJoin('repository', (join) =>
        join.onRef('repository.account_id', '=', 'account.id').on('repository.provider_repo_id', '=', repository.providerRepoId),
      )
      .select(['account.provider', 'account.settings', 'repository.id as repository_id', 'repository.linked', 'repository.smart_commits', 'repository.allowed_project_keys'])
      .where('account.id', '=', accountId)
      .executeTakeFirst();
    if (!row) return { status: 'unknown-account' };
    const settings = parseAccountSettings(row.settings);
    if (row.repository_id) {
      return Number(row.linked) === 1
        ? { status: 'linked', repositoryId: row.repository_id, provider: row.provider, smartCommits: settings.smartCommits && Number(row.smart_commits) === 1, scope: parseProjectScope(row.allowed_project_keys), mirror: settings.mirrorDevelopmentInfo }
        : { status: 'not-linked', repositoryId: row.repository_id };
    }
    const linked = settings.autoLinkNewRepositories;
    const repositoryId = repositoryIdFor(accountId, repository.providerRepoId);
    const insert = this.database.db.insertInto('repository').values({
      id: repositoryId,
      account_id: accountId,
      provider_repo_id: repository.providerRepoId,
      full_name: repository.fullName,
      url: repository.url,
      linked: linked ? 1 : 0,
      smart_commits: 1,
      allowed_project_keys: null,
      sync_cursor: null,
      sync_status: 'webhook',
      last_sync_at: null,
      last_error: null,
      created_at: now,
      updated_at: now,
    });
    // Two deliveries may discover the repository at once; the id is deterministic, so either insert will do.
    await (this.database.dialect === 'mysql' ? insert.onDuplicateKeyUpdate({ id: repositoryId }) : insert.onConflict((c) => c.doNothing())).execute();
    return linked ? { status: 'linked', repositoryId, provider: row.provider, smartCommits: settings.smartCommits, scope: null, mirror: settings.mirrorDevelopmentInfo } : { status: 'not-linked', repositoryId };
  }
}
