import { accountSecretKeys } from '../accounts/account-secrets';
import { buildEventsSeen } from './build-events-seen';
import { parseAccountSettings } from '../accounts/account-settings';
import { deriveAccountStatus } from '../accounts/account-status';
import { accountUrls } from '../accounts/account-urls';
import { loadAccount } from '../accounts/load-account';
import { HOST_KINDS, PROVIDER_NAMES } from '../git-hosts/provider-hosts';
import { siteProjects } from '../issue-keys/site-projects';
import { devinfoBacklog } from '../jira-copy/push-devinfo';
import type { Ports } from '../ports/ports';
import { accountRepositoryFacts } from './repository-results';

/** One account as its admin page shows it: settings, which secrets are set (never their values), repositories and their sync. */
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
      .select(['id', 'provider_repo_id', 'full_name', 'url', 'linked', 'webhook_id', 'sync_status', 'last_sync_at', 'last_error', 'allowed_project_keys', 'smart_commits'])
      .where('account_id', '=', accountId)
      .where('linked', '=', 1)
      .orderBy('full_name')
      .orderBy('id')
      .execute(),
  ]);
  const repositoryIds = repositories.map((row) => row.id);
  const [facts, deliveries, buildEvents] = await Promise.all([
    accountRepositoryFacts(ports.database, [accountId]),
    repositoryIds.length === 0
      ? []
      : ports.database.db
          .selectFrom('delivery')
          .select(['repository_id', (eb) => eb.fn.max('received_at').as('latest')])
          .where('repository_id', 'in', repositoryIds)
          .groupBy('repository_id')
          .execute(),
    buildEventsSeen(ports.database, repositoryIds),
  ]);
  const repositoryResults = facts.get(accountId)!;
  const lastDelivery = new Map(deliveries.map((row) => [row.repository_id, Number(row.latest)]));
  const jobs =
    repositories.length === 0
      ? []
      : await ports.database.db
          .selectFrom('job')
          .select(['repository_id', 'done', 'total', 'cursor'])
          .where(
            'repository_id',
            'in',
            repositories.map((row) => row.id),
          )
          .where('kind', '=', 'backfill')
          .execute();
  const smartCommitRows =
    repositories.length === 0
      ? []
      : await ports.database.db
          .selectFrom('smart_commit')
          .select(['repository_id', 'sha', 'results', 'updated_at'])
          .where(
            'repository_id',
            'in',
            repositories.map((row) => row.id),
          )
          .where('status', '=', 'done')
          .where('results', 'like', '%"failed"%')
          .orderBy('updated_at', 'desc')
          .orderBy('sha')
          .limit(50)
          .execute();
  const smartCommitErrors = smartCommitRows.flatMap((row) =>
    (JSON.parse(row.results ?? '[]') as Array<{ issueKey: string; command: string; status: string; message: string }>)
      .filter((result) => result.status === 'failed')
      .map((result) => ({
        repositoryId: row.repository_id,
        sha: row.sha,
        issueKey: result.issueKey,
        command: result.command,
        message: result.message,
        at: Number(row.updated_at),
      })),
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
    status: deriveAccountStatus({ hasCredential: Boolean(credentials), verdict: account.status, repositories: repositoryResults }),
    repositoryResults,
    oauthClientId: account.oauth_client_id,
    settings: parseAccountSettings(account.settings),
    // Only whether each secret is set ever leaves the back end.
    secrets: { oauthClientSecret: Boolean(oauthClientSecret), credential: Boolean(credentials), webhookSecret: Boolean(webhookSecret) },
    ...urls,
    // What the admin must grant the app's credential on the host, shown beside the authorisation steps.
    requiredPermissions: HOST_KINDS[account.provider].requiredPermissions,
    // What to tick in a hand-added webhook for builds and deployments, shown per repository until they arrive.
    buildEventsToEnable: HOST_KINDS[account.provider].buildEvents,
    developmentInfo: await devinfoBacklog(ports, account.id),
    projects: await siteProjects(ports),
    repositories: repositories.map((row) => ({
      id: row.id,
      providerRepoId: row.provider_repo_id,
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
      lastDeliveryAt: lastDelivery.get(row.id) ?? null,
      buildEvents: buildEvents.get(row.id) ?? { lastBuildAt: null, lastDeploymentAt: null },
    })),
  };
}
