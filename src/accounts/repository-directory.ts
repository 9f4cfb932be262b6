import type { RepositoryRef } from '../git-hosts/dev-event';
import { parseProjectScope, type ProjectScope } from './project-scope';
import type { Clock } from '../ports/clock';
import type { Database } from '../storage/database';
import { repositoryIdFor } from './account-ids';
import { parseAccountSettings } from './account-settings';
import type { RemoteRepository } from '../git-hosts/git-host-client';
import type { OwnershipCheck } from './repository-ownership';

export type RepositoryLookup =
  | { status: 'unknown-account' }
  | { status: 'not-linked' }
  /** The host says the repository is not the account's (or not the one the delivery names by id). */
  | { status: 'foreign'; accountName: string }
  /** The host could not be asked (no credential, unreachable): nothing is trusted yet. */
  | { status: 'unconfirmed'; reason: string }
  | { status: 'linked'; repositoryId: string; provider: string; smartCommits: boolean; authorMustPush: boolean; scope: ProjectScope; mirror: boolean };

/** A foreign repository's verdict is kept longer: deliveries for it should not cost a host request each. */
const FOREIGN_TTL_MS = 5 * 60_000;

/**
 * Which stored repository a delivery belongs to, and whether it is linked. A repository seen for the
 * first time is added and linked only when its account auto-links new repositories and the Git host,
 * asked with the account's credential, confirms it is that account's repository (the same id, in its
 * organisation, user or workspace); otherwise nothing is stored. Answers are cached for a short while so
 * that steady webhook traffic costs no extra query; a change an admin makes reaches every Forge container
 * within `ttlMs`.
 */
export class RepositoryDirectory {
  private readonly cache = new Map<string, { value: RepositoryLookup; until: number }>();

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly confirm: OwnershipCheck,
    private readonly ttlMs = 30_000,
  ) {}

  async lookup(accountId: string, repository: RepositoryRef): Promise<RepositoryLookup> {
    const cacheKey = `${accountId}\n${repository.providerRepoId}`;
    const cached = this.cache.get(cacheKey);
    const now = this.clock.now();
    if (cached && now < cached.until) return cached.value;
    const value = await this.read(accountId, repository, now);
    if (value.status !== 'unknown-account') this.cache.set(cacheKey, { value, until: now + (value.status === 'foreign' ? FOREIGN_TTL_MS : this.ttlMs) });
    return value;
  }

  forget(): void {
    this.cache.clear();
  }

  private async read(accountId: string, repository: RepositoryRef, now: number): Promise<RepositoryLookup> {
    const row = await this.database.db
      .selectFrom('account')
      .leftJoin('repository', (join) => join.onRef('repository.account_id', '=', 'account.id').on('repository.provider_repo_id', '=', repository.providerRepoId))
      .select(['account.provider', 'account.settings', 'repository.id as repository_id', 'repository.linked', 'repository.smart_commits', 'repository.allowed_project_keys'])
      .where('account.id', '=', accountId)
      .executeTakeFirst();
    if (!row) return { status: 'unknown-account' };
    const settings = parseAccountSettings(row.settings);
    if (row.repository_id) {
      return Number(row.linked) === 1
        ? {
            status: 'linked',
            repositoryId: row.repository_id,
            provider: row.provider,
            smartCommits: settings.smartCommits && Number(row.smart_commits) === 1,
            authorMustPush: settings.smartCommitsOnlyWhenAuthorPushes,
            scope: parseProjectScope(row.allowed_project_keys),
            mirror: settings.mirrorDevelopmentInfo,
          }
        : { status: 'not-linked' };
    }
    if (!settings.autoLinkNewRepositories) return { status: 'not-linked' };
    const verdict = await this.confirm(accountId, repository);
    if (verdict.status !== 'owned') return verdict;
    // Stored as the host names it, not as the delivery does.
    const repositoryId = await recordLinkedRepository(this.database, accountId, verdict.repository, now);
    return {
      status: 'linked',
      repositoryId,
      provider: row.provider,
      smartCommits: settings.smartCommits,
      authorMustPush: settings.smartCommitsOnlyWhenAuthorPushes,
      scope: null,
      mirror: settings.mirrorDevelopmentInfo,
    };
  }
}

/**
 * Records a repository of the account as linked (a repository the host confirmed, or one an admin
 * linked), under a deterministic id. Two deliveries may discover it at once; either insert will do.
 */
export async function recordLinkedRepository(database: Database, accountId: string, repository: RemoteRepository, now: number): Promise<string> {
  const repositoryId = repositoryIdFor(accountId, repository.providerRepoId);
  const insert = database.db.insertInto('repository').values({
    id: repositoryId,
    account_id: accountId,
    provider_repo_id: repository.providerRepoId,
    full_name: repository.fullName,
    url: repository.url,
    linked: 1,
    smart_commits: 1,
    allowed_project_keys: null,
    sync_cursor: null,
    sync_status: 'webhook',
    last_sync_at: null,
    last_error: null,
    created_at: now,
    updated_at: now,
  });
  await (database.dialect === 'mysql' ? insert.onDuplicateKeyUpdate({ id: repositoryId }) : insert.onConflict((c) => c.doNothing())).execute();
  return repositoryId;
}
