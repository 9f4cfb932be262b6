import { AppError } from '../errors/app-error';
import { route } from '../ports/jira';
import type { Ports } from '../ports/ports';
import { bitbucketHostClient } from '../providers/bitbucket/bitbucket-host-client';
import type { GitHostClient, RemoteRepository } from '../providers/git-host-client';
import { withEgressPolicy } from '../providers/egress-check';
import { githubHostClient } from '../providers/github/github-host-client';
import { endpointsFor, PROVIDER_NAMES } from '../providers/provider-hosts';
import type { AccountTable } from '../storage/schema';
import { newWebhookSecret, repositoryIdFor } from './account-ids';
import { parseAccountSettings, type AccountSettings } from './account-settings';
import { accountSecretKeys, deleteAccountSecrets, readCredentials, writeCredentials } from './account-secrets';
import { consumeOAuthState, issueOAuthState } from './oauth-state';
import { queuePurge } from './repository-purge';
import { queueDevinfoRepositories, queueDevinfoRepositoryDeletes } from '../jira-sync/devinfo-outbox';
import { JIRA_SYNC_JOB } from '../jira-sync/jira-sync-job';
import { devinfoBacklog } from '../jira-sync/push-devinfo';

export type AccountStatus = 'needs-authorisation' | 'connected' | 'invalid-credentials' | 'rate-limited';

/** Refresh a token this long before it expires, so a sync never starts with one about to lapse. */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;

export const REQUIRED_PERMISSIONS: Record<AccountTable['provider'], string[]> = {
  github: ['repo', 'read:org', 'admin:repo_hook'],
  'github-enterprise': ['repo', 'read:org', 'admin:repo_hook'],
  'bitbucket-cloud': ['Account: Read', 'Repositories: Read', 'Pull requests: Read', 'Webhooks: Read and write'],
};

export async function loadAccount(ports: Ports, accountId: string): Promise<AccountTable> {
  const account = await ports.database.db.selectFrom('account').selectAll().where('id', '=', accountId).executeTakeFirst();
  if (!account) throw new AppError('not_found', 'This account no longer exists. Reload the page.');
  return account;
}

export function hostClientFor(ports: Ports, account: Pick<AccountTable, 'provider' | 'host_url'>): GitHostClient {
  const endpoints = endpointsFor(account.provider, account.host_url, ports.config.providerHosts);
  // Requests to a GitHub Enterprise server are checked again, under this policy, right before they are sent.
  const fetch = withEgressPolicy(ports.fetch, ports.config, ports.clock);
  return account.provider === 'bitbucket-cloud'
    ? bitbucketHostClient(fetch, ports.clock, endpoints)
    : githubHostClient(fetch, ports.clock, endpoints, PROVIDER_NAMES[account.provider]);
}

/** A webtrigger URL for one account: its deliveries and callbacks name the account they belong to. */
export function urlForAccount(webtriggerUrl: string, accountId: string): string {
  const parsed = new URL(webtriggerUrl);
  parsed.searchParams.set('account', accountId);
  return parsed.toString();
}

export async function accountUrls(ports: Ports, account: Pick<AccountTable, 'id' | 'provider'>) {
  const [callback, webhook] = await Promise.all([
    ports.webtriggers.urlFor('oauth-callback'),
    ports.webtriggers.urlFor(account.provider === 'bitbucket-cloud' ? 'bitbucket-webhook' : 'github-webhook'),
  ]);
  return { callbackUrl: urlForAccount(callback, account.id), webhookUrl: urlForAccount(webhook, account.id) };
}

export async function setAccountStatus(ports: Ports, accountId: string, status: AccountStatus, authMethod?: AccountTable['auth_method']) {
  await ports.database.db
    .updateTable('account')
    .set({ status, updated_at: ports.clock.now(), ...(authMethod ? { auth_method: authMethod } : {}) })
    .where('id', '=', accountId)
    .execute();
}

async function oauthClient(ports: Ports, account: AccountTable) {
  const clientSecret = await ports.secrets.get(accountSecretKeys(account.id).oauthClientSecret);
  if (!account.oauth_client_id || !clientSecret) {
    throw new AppError('invalid_input', 'Enter the OAuth key and secret of this account first (Edit account).');
  }
  return { clientId: account.oauth_client_id, clientSecret };
}

/**
 * The account's working access token, refreshed first if it is about to expire. A credential the host
 * rejects marks the account "Invalid credentials", so the admin page says what to fix.
 */
export async function currentAccessToken(ports: Ports, account: AccountTable): Promise<string> {
  const credentials = await readCredentials(ports.secrets, account.id);
  if (!credentials) throw new AppError('provider_invalid_credentials', 'This account is not authorised yet. Authorise it, or enter an access token.');
  if (credentials.expiresAt !== undefined && credentials.expiresAt - ports.clock.now() < REFRESH_MARGIN_MS) {
    if (!credentials.refreshToken) {
      await setAccountStatus(ports, account.id, 'invalid-credentials');
      throw new AppError('provider_invalid_credentials', 'The access token has expired. Authorise the account again.');
    }
    try {
      const refreshed = await hostClientFor(ports, account).refresh(await oauthClient(ports, account), credentials.refreshToken);
      await writeCredentials(ports.secrets, account.id, { refreshToken: credentials.refreshToken, ...refreshed });
      return refreshed.accessToken;
    } catch (error) {
      if (error instanceof AppError && (error.code === 'oauth_failed' || error.code === 'provider_invalid_credentials')) await setAccountStatus(ports, account.id, 'invalid-credentials');
      throw error;
    }
  }
  return credentials.accessToken;
}

/** Runs a call to the Git host, recording on the account what a rejected credential or a rate limit means. */
export async function withHost<T>(ports: Ports, account: AccountTable, call: (client: GitHostClient, token: string) => Promise<T>): Promise<T> {
  const token = await currentAccessToken(ports, account);
  try {
    return await call(hostClientFor(ports, account), token);
  } catch (error) {
    if (error instanceof AppError && error.code === 'provider_invalid_credentials') await setAccountStatus(ports, account.id, 'invalid-credentials');
    if (error instanceof AppError && error.code === 'provider_rate_limited') await setAccountStatus(ports, account.id, 'rate-limited');
    throw error;
  }
}

export async function updateAccount(
  ports: Ports,
  accountId: string,
  changes: { name?: string; oauthClientId?: string; oauthClientSecret?: string; settings?: Partial<AccountSettings> },
): Promise<void> {
  const account = await loadAccount(ports, accountId);
  const settings = { ...parseAccountSettings(account.settings), ...(changes.settings ?? {}) };
  if (changes.oauthClientSecret) await ports.secrets.set(accountSecretKeys(accountId).oauthClientSecret, changes.oauthClientSecret);
  await ports.database.db
    .updateTable('account')
    .set({
      ...(changes.name ? { name: changes.name } : {}),
      ...(changes.oauthClientId !== undefined ? { oauth_client_id: changes.oauthClientId || null } : {}),
      settings: JSON.stringify(settings),
      updated_at: ports.clock.now(),
    })
    .where('id', '=', accountId)
    .execute();
  const wasMirroring = parseAccountSettings(account.settings).mirrorDevelopmentInfo;
  if (settings.mirrorDevelopmentInfo !== wasMirroring) {
    const repositoryIds = (await ports.database.db.selectFrom('repository').select('id').where('account_id', '=', accountId).where('linked', '=', 1).execute()).map((row) => row.id);
    // Switching on sends everything already stored; switching off removes it from Jira again.
    if (settings.mirrorDevelopmentInfo) await queueDevinfoRepositories(ports.database, repositoryIds, ports.clock.now());
    else await queueDevinfoRepositoryDeletes(ports.database, repositoryIds, ports.clock.now());
    await ports.queue.push([{ body: { ...JIRA_SYNC_JOB } }]);
  }
}

/** Deliveries signed with the secret before the last regeneration are still accepted this long. */
export const PREVIOUS_SECRET_GRACE_MS = 60 * 60 * 1000;

export interface SecretRotation {
  webhookSecret: string;
  /** Webhooks the app created, now sending with the new secret. */
  updated: string[];
  /** Webhooks that still send with the old secret (added by hand, or the host refused), and why. */
  notUpdated: Array<{ fullName: string; reason: string }>;
  /** Until then, deliveries signed with the previous secret are still accepted. */
  previousAcceptedUntil: number;
}

/**
 * A new webhook secret. Every webhook the app created is given it through the host's API; the others
 * are listed, so the admin knows where to paste it. Deliveries signed with the previous secret are
 * accepted for an hour, so nothing in flight (or not yet updated) is refused meanwhile. The count of
 * refused deliveries is kept: it is history, and the diagnostics say when it was last seen.
 */
export async function regenerateWebhookSecret(ports: Ports, accountId: string): Promise<SecretRotation> {
  const account = await loadAccount(ports, accountId);
  const keys = accountSecretKeys(accountId);
  const previous = await ports.secrets.get(keys.webhookSecret);
  const secret = newWebhookSecret();
  const previousAcceptedUntil = ports.clock.now() + PREVIOUS_SECRET_GRACE_MS;
  if (previous) await ports.secrets.set(keys.previousWebhookSecret, JSON.stringify({ secret: previous, until: previousAcceptedUntil }));
  await ports.secrets.set(keys.webhookSecret, secret);
  const { webhookUrl } = await accountUrls(ports, account);
  const repositories = await ports.database.db.selectFrom('repository').select(['provider_repo_id', 'full_name', 'url', 'webhook_id']).where('account_id', '=', accountId).where('linked', '=', 1).orderBy('full_name').orderBy('id').execute();
  const rotation: SecretRotation = { webhookSecret: secret, updated: [], notUpdated: [], previousAcceptedUntil };
  for (const repository of repositories) {
    if (!repository.webhook_id) {
      rotation.notUpdated.push({ fullName: repository.full_name, reason: 'Its webhook was added by hand: paste the new secret into it.' });
      continue;
    }
    try {
      await withHost(ports, account, (host, token) =>
        host.updateWebhook(token, { providerRepoId: repository.provider_repo_id, fullName: repository.full_name, url: repository.url }, repository.webhook_id!, { url: webhookUrl, secret }),
      );
      rotation.updated.push(repository.full_name);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      rotation.notUpdated.push({ fullName: repository.full_name, reason: `${error.message} Paste the new secret into its webhook.` });
    }
  }
  ports.log.info('webhook secret regenerated', { accountId, updated: rotation.updated.length, notUpdated: rotation.notUpdated.length });
  return rotation;
}

/** The previous webhook secret, while it is still accepted. */
export async function previousWebhookSecret(ports: Ports, accountId: string): Promise<string | undefined> {
  const stored = await ports.secrets.get(accountSecretKeys(accountId).previousWebhookSecret);
  if (!stored) return undefined;
  const previous = JSON.parse(stored) as { secret?: string; until?: number };
  return previous.secret && Number(previous.until) > ports.clock.now() ? previous.secret : undefined;
}

/** A personal, fine-grained or access token instead of OAuth: checked against the host before it is kept. */
export async function useAccessToken(ports: Ports, accountId: string, token: string): Promise<{ identity: string }> {
  const account = await loadAccount(ports, accountId);
  const { identity } = await hostClientFor(ports, account).verify(token, account.name);
  await writeCredentials(ports.secrets, accountId, { accessToken: token });
  await setAccountStatus(ports, accountId, 'connected', 'access-token');
  return { identity };
}

export async function startAuthorisation(ports: Ports, accountId: string): Promise<{ authoriseUrl: string }> {
  const account = await loadAccount(ports, accountId);
  const client = await oauthClient(ports, account);
  const state = await issueOAuthState(ports, accountId);
  const { callbackUrl } = await accountUrls(ports, account);
  return { authoriseUrl: hostClientFor(ports, account).authoriseUrl(client, callbackUrl, state) };
}

/** The OAuth callback: the state must be this account's, unused and fresh; then the code buys the tokens. */
export async function completeAuthorisation(ports: Ports, accountId: string, code: string, state: string): Promise<{ account: AccountTable; identity: string }> {
  const account = await loadAccount(ports, accountId);
  await consumeOAuthState(ports, accountId, state);
  const client = await oauthClient(ports, account);
  const { callbackUrl } = await accountUrls(ports, account);
  const host = hostClientFor(ports, account);
  const credentials = await host.exchangeCode(client, code, callbackUrl);
  const { identity } = await host.verify(credentials.accessToken, account.name);
  await writeCredentials(ports.secrets, accountId, credentials);
  await setAccountStatus(ports, accountId, 'connected', 'oauth');
  return { account, identity };
}

/** Bitbucket Cloud consumers can authorise without a browser round trip. */
export async function authoriseWithClientCredentials(ports: Ports, accountId: string): Promise<{ identity: string }> {
  const account = await loadAccount(ports, accountId);
  const host = hostClientFor(ports, account);
  if (!host.clientCredentials) throw new AppError('invalid_input', 'Only Bitbucket Cloud accounts can use the client-credentials grant.');
  const credentials = await host.clientCredentials(await oauthClient(ports, account));
  const { identity } = await host.verify(credentials.accessToken, account.name);
  await writeCredentials(ports.secrets, accountId, credentials);
  await setAccountStatus(ports, accountId, 'connected', 'client-credentials');
  return { identity };
}

export interface RemoteRepositoryRow extends RemoteRepository {
  linked: boolean;
  webhook: 'app' | 'manual' | null;
}

export async function listRemoteRepositories(ports: Ports, accountId: string, cursor: string | null) {
  const account = await loadAccount(ports, accountId);
  const page = await withHost(ports, account, (host, token) => host.listRepositories(token, account.name, cursor));
  const stored = await ports.database.db
    .selectFrom('repository')
    .select(['provider_repo_id', 'linked', 'webhook_id'])
    .where('account_id', '=', accountId)
    .execute();
  const byId = new Map(stored.map((row) => [row.provider_repo_id, row]));
  const repositories: RemoteRepositoryRow[] = page.repositories.map((repository) => {
    const row = byId.get(repository.providerRepoId);
    const linked = Number(row?.linked ?? 0) === 1;
    return { ...repository, linked, webhook: linked ? (row?.webhook_id ? 'app' : 'manual') : null };
  });
  return { repositories, next: page.next };
}

export interface LinkChange extends RemoteRepository {
  linked: boolean;
}

export interface LinkResult {
  fullName: string;
  linked: boolean;
  webhook: 'created' | 'kept' | 'manual' | 'removed' | null;
  message?: string;
}

/**
 * Links and unlinks repositories. Linking creates the webhook through the host's API when the credential
 * may (otherwise the admin gets the manual steps) and queues the backfill; unlinking removes the webhook
 * the app created and the repository's development data, which a later link brings back.
 */
export async function setRepositoryLinks(ports: Ports, accountId: string, changes: LinkChange[]): Promise<LinkResult[]> {
  const account = await loadAccount(ports, accountId);
  const { webhookUrl } = await accountUrls(ports, account);
  const webhookSecret = await ports.secrets.get(accountSecretKeys(accountId).webhookSecret);
  const results: LinkResult[] = [];
  const now = ports.clock.now();
  for (const change of changes) {
    const id = repositoryIdFor(accountId, change.providerRepoId);
    const existing = await ports.database.db.selectFrom('repository').select(['linked', 'webhook_id']).where('id', '=', id).executeTakeFirst();
    if (change.linked) {
      let webhookId = existing?.webhook_id ?? null;
      let webhook: LinkResult['webhook'] = webhookId ? 'kept' : 'manual';
      let message: string | undefined;
      if (!webhookId && webhookSecret) {
        try {
          webhookId = await withHost(ports, account, (host, token) => host.createWebhook(token, change, { url: webhookUrl, secret: webhookSecret }));
          webhook = 'created';
        } catch (error) {
          if (!(error instanceof AppError) || !['provider_forbidden', 'provider_not_found'].includes(error.code)) throw error;
          message = `The credential may not create webhooks on ${change.fullName}; add the webhook by hand (see the steps above).`;
        }
      }
      const row = { linked: 1, webhook_id: webhookId, full_name: change.fullName, url: change.url, updated_at: now };
      if (existing) await ports.database.db.updateTable('repository').set(row).where('id', '=', id).execute();
      else {
        await ports.database.db
          .insertInto('repository')
          .values({ id, account_id: accountId, provider_repo_id: change.providerRepoId, smart_commits: 1, allowed_project_keys: null, sync_cursor: null, sync_status: 'queued', last_sync_at: null, last_error: null, created_at: now, ...row })
          .execute();
      }
      if (Number(existing?.linked ?? 0) !== 1) await ports.queue.push([{ body: { kind: 'backfill', repositoryId: id } }]);
      results.push({ fullName: change.fullName, linked: true, webhook, ...(message ? { message } : {}) });
    } else if (existing) {
      let webhook: LinkResult['webhook'] = null;
      let message: string | undefined;
      if (existing.webhook_id) {
        try {
          await withHost(ports, account, (host, token) => host.deleteWebhook(token, change, existing.webhook_id!));
          webhook = 'removed';
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          message = `The webhook on ${change.fullName} could not be removed (${error.message}); remove it by hand.`;
        }
      }
      await ports.database.db.updateTable('repository').set({ linked: 0, webhook_id: null, updated_at: now }).where('id', '=', id).execute();
      await queuePurge(ports, [id]);
      results.push({ fullName: change.fullName, linked: false, webhook, ...(message ? { message } : {}) });
    }
  }
  return results;
}

export interface DeletionReport {
  repositories: number;
  webhooksRemoved: number;
  webhooksLeft: string[];
}

/** Deletes an account: the webhooks it created (best effort, reported), its development data and secrets. */
export async function deleteAccount(ports: Ports, accountId: string): Promise<DeletionReport> {
  const account = await loadAccount(ports, accountId);
  const repositories = await ports.database.db
    .selectFrom('repository')
    .select(['id', 'provider_repo_id', 'full_name', 'url', 'webhook_id'])
    .where('account_id', '=', accountId)
    .execute();
  let webhooksRemoved = 0;
  const webhooksLeft: string[] = [];
  for (const repository of repositories.filter((row) => row.webhook_id)) {
    try {
      await withHost(ports, account, (host, token) =>
        host.deleteWebhook(token, { providerRepoId: repository.provider_repo_id, fullName: repository.full_name, url: repository.url }, repository.webhook_id!),
      );
      webhooksRemoved += 1;
    } catch {
      webhooksLeft.push(repository.full_name);
    }
  }
  // The panel stops showing them with the repository rows; the rest of their data is removed in the background.
  await ports.database.db.deleteFrom('repository').where('account_id', '=', accountId).execute();
  await queuePurge(ports, repositories.map((row) => row.id));
  await ports.database.db.deleteFrom('oauth_state').where('account_id', '=', accountId).execute();
  await ports.database.db.deleteFrom('signature_failure').where('account_id', '=', accountId).execute();
  await ports.database.db.deleteFrom('account').where('id', '=', accountId).execute();
  await deleteAccountSecrets(ports.secrets, accountId);
  return { repositories: repositories.length, webhooksRemoved, webhooksLeft };
}

export async function accountDetails(ports: Ports, accountId: string) {
  const account = await loadAccount(ports, accountId);
  const keys = accountSecretKeys(accountId);
  const [oauthClientSecret, credentials, webhookSecret, urls, repositories] = await Promise.all([
    ports.secrets.get(keys.oauthClientSecret),
    ports.secrets.get(keys.credentials),
    ports.secrets.get(keys.webhookSecret),
    accountUrls(ports, account),
    ports.database.db
      .selectFrom('repository')
      .select(['id', 'full_name', 'url', 'linked', 'webhook_id', 'sync_status', 'last_sync_at', 'last_error', 'allowed_project_keys', 'smart_commits'])
      .where('account_id', '=', accountId)
      .where('linked', '=', 1)
      .orderBy('full_name')
      .orderBy('id')
      .execute(),
  ]);
  const jobs =
    repositories.length === 0
      ? []
      : await ports.database.db.selectFrom('job').select(['repository_id', 'done', 'total', 'cursor']).where('repository_id', 'in', repositories.map((row) => row.id)).where('kind', '=', 'backfill').execute();
  const smartCommitRows =
    repositories.length === 0
      ? []
      : await ports.database.db
          .selectFrom('smart_commit')
          .select(['repository_id', 'sha', 'results', 'updated_at'])
          .where('repository_id', 'in', repositories.map((row) => row.id))
          .where('status', '=', 'done')
          .where('results', 'like', '%"failed"%')
          .orderBy('updated_at', 'desc')
          .orderBy('sha')
          .limit(50)
          .execute();
  const smartCommitErrors = smartCommitRows.flatMap((row) =>
    (JSON.parse(row.results ?? '[]') as Array<{ issueKey: string; command: string; status: string; message: string }>)
      .filter((result) => result.status === 'failed')
      .map((result) => ({ repositoryId: row.repository_id, sha: row.sha, issueKey: result.issueKey, command: result.command, message: result.message, at: Number(row.updated_at) })),
  );
  const progress = new Map(
    jobs.map((job) => [
      job.repository_id,
      { done: Number(job.done), total: job.total === null ? null : Number(job.total), phase: (JSON.parse(job.cursor ?? '{}') as { phase?: string }).phase ?? null },
    ]),
  );
  return {
    id: account.id,
    provider: account.provider,
    providerName: PROVIDER_NAMES[account.provider],
    hostUrl: account.host_url,
    name: account.name,
    authMethod: account.auth_method,
    status: account.status as AccountStatus,
    oauthClientId: account.oauth_client_id,
    settings: parseAccountSettings(account.settings),
    // Only whether each secret is set ever leaves the back end.
    secrets: { oauthClientSecret: Boolean(oauthClientSecret), credential: Boolean(credentials), webhookSecret: Boolean(webhookSecret) },
    ...urls,
    requiredPermissions: REQUIRED_PERMISSIONS[account.provider],
    developmentInfo: await devinfoBacklog(ports, account.id),
    projects: await siteProjects(ports),
    repositories: repositories.map((row) => ({
      id: row.id,
      fullName: row.full_name,
      url: row.url,
      webhook: row.webhook_id ? ('app' as const) : ('manual' as const),
      syncStatus: row.sync_status,
      progress: progress.get(row.id) ?? { done: 0, total: null, phase: null },
      smartCommitErrors: smartCommitErrors.filter((error) => error.repositoryId === row.id).slice(0, 10),
      projectKeys: row.allowed_project_keys ? (JSON.parse(row.allowed_project_keys) as string[]) : null,
      smartCommits: Number(row.smart_commits) === 1,
      lastSyncAt: row.last_sync_at === null ? null : Number(row.last_sync_at),
      lastError: row.last_error,
    })),
  };
}

/**
 * "Sync now" reads what changed since the last sync; "Full resync" reads the whole history again. Both
 * run on the queue, since either can take longer than a resolver may.
 */
export async function requestSync(ports: Ports, accountId: string, repositoryId: string, mode: 'now' | 'full'): Promise<void> {
  const repository = await ports.database.db.selectFrom('repository').select(['id', 'linked']).where('id', '=', repositoryId).where('account_id', '=', accountId).executeTakeFirst();
  if (!repository || Number(repository.linked) !== 1) throw new AppError('not_found', 'This repository is not linked to the account. Reload the page.');
  if (mode === 'full') await ports.database.db.deleteFrom('job').where('id', '=', `backfill:${repositoryId}`).execute();
  await ports.database.db.updateTable('repository').set({ sync_status: 'queued', updated_at: ports.clock.now() }).where('id', '=', repositoryId).execute();
  await ports.queue.push([{ body: { kind: mode === 'full' ? 'backfill' : 'reconcile', repositoryId } }]);
}

/**
 * Limits a repository to some Jira projects (or, with null, lets it reach all of them). The links are
 * rebuilt from the stored data on the queue; nothing is fetched again.
 */
export async function setRepositoryProjects(ports: Ports, accountId: string, repositoryId: string, projectKeys: string[] | null): Promise<void> {
  const repository = await ports.database.db.selectFrom('repository').select('id').where('id', '=', repositoryId).where('account_id', '=', accountId).executeTakeFirst();
  if (!repository) throw new AppError('not_found', 'This repository is not linked to the account. Reload the page.');
  const keys = projectKeys === null ? null : [...new Set(projectKeys.map((key) => key.toUpperCase()))].sort();
  await ports.database.db
    .updateTable('repository')
    .set({ allowed_project_keys: keys === null ? null : JSON.stringify(keys), updated_at: ports.clock.now() })
    .where('id', '=', repositoryId)
    .execute();
  await ports.queue.push([{ body: { kind: 'relink', repositoryId } }]);
}

/** Smart commits on or off for one repository (they also need the account's option on). */
export async function setRepositorySmartCommits(ports: Ports, accountId: string, repositoryId: string, enabled: boolean): Promise<void> {
  const updated = await ports.database.db
    .updateTable('repository')
    .set({ smart_commits: enabled ? 1 : 0, updated_at: ports.clock.now() })
    .where('id', '=', repositoryId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) throw new AppError('not_found', 'This repository is not linked to the account. Reload the page.');
}

/** The site's projects, for choosing a repository's scope. */
export async function siteProjects(ports: Ports): Promise<Array<{ key: string; name: string }>> {
  const response = await ports.jira.asApp().requestJira(route`/rest/api/3/project/search?maxResults=100`);
  if (!response.ok) return [];
  const body = (await response.json()) as { values?: Array<{ key: string; name: string }> };
  return (body.values ?? []).map((project) => ({ key: project.key, name: project.name }));
}
