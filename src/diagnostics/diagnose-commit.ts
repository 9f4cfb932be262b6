import { connectAccount } from '../accounts/host-connection';
import { isAppError } from '../errors/app-error';
import { inScope, parseProjectScope } from '../accounts/project-scope';
import { candidateKeys, projectOf } from '../issue-keys/extract-issue-keys';
import type { ProjectKeyDirectory } from '../issue-keys/project-key-directory';
import { route } from '../ports/jira';
import type { Ports } from '../ports/ports';
import { buildAndDeploymentSteps } from './build-steps';

/**
 * A number or a moment a step reports, kept as data: the page words the count (plural rules) and writes the
 * moment in the reader's language and time zone, which the back end does not know.
 */
type DiagnosticFact = { label: string; count: number } | { label: string; at: number };

export interface DiagnosticStep {
  title: string;
  outcome: 'ok' | 'problem' | 'info';
  detail: string;
  facts?: DiagnosticFact[];
  /** What to do about a problem, in the admin's words. */
  action?: string;
}

const SHA = /^[0-9a-f]{7,40}$/i;
const WEEK_MS = 7 * 24 * 3600 * 1000;
/** Linked repositories asked for an unknown sha, at most: each costs a request to the Git host. */
const MAX_REPOSITORIES_ASKED = 20;

interface FoundCommit {
  sha: string;
  message: string;
  repositoryId: string;
  source: 'stored' | 'host';
}

async function findCommit(ports: Ports, sha: string): Promise<FoundCommit | null> {
  const { db } = ports.database;
  const stored = await db
    .selectFrom('dev_commit')
    .select(['sha', 'message', 'repository_id'])
    .where('sha', 'like', `${sha.toLowerCase()}%`)
    .orderBy('sha')
    .orderBy('repository_id')
    .limit(1)
    .executeTakeFirst();
  if (stored) return { sha: stored.sha, message: stored.message, repositoryId: stored.repository_id, source: 'stored' };
  const repositories = await db.selectFrom('repository').selectAll().where('linked', '=', 1).orderBy('updated_at', 'desc').orderBy('id').limit(MAX_REPOSITORIES_ASKED).execute();
  for (const repository of repositories) {
    try {
      const connection = await connectAccount(ports, repository.account_id);
      const commit = await connection.call((host, token) =>
        host.commit(token, { providerRepoId: repository.provider_repo_id, fullName: repository.full_name, url: repository.url }, sha),
      );
      if (commit) return { sha: commit.sha, message: commit.message, repositoryId: repository.id, source: 'host' };
    } catch (error) {
      // A repository that cannot be asked (no credential, gone) is simply not where this commit is found.
      if (!isAppError(error)) throw error;
    }
  }
  return null;
}

/**
 * "Why isn't my commit showing?": follows a commit (by sha) or a commit message through every step that
 * decides whether it appears on an issue, and says at each failing step what to do.
 */
export async function diagnoseCommit(ports: Ports, projectKeys: ProjectKeyDirectory, query: string): Promise<{ steps: DiagnosticStep[] }> {
  const steps: DiagnosticStep[] = [];
  const text = query.trim();
  let message = text;
  let found: FoundCommit | null = null;
  if (SHA.test(text)) {
    found = await findCommit(ports, text);
    if (!found) {
      steps.push({
        title: 'Commit',
        outcome: 'problem',
        detail: `No linked repository has a commit ${text}, and none is stored.`,
        action: 'Check that its repository is linked on this page and that the account can read it; then use Sync now.',
      });
      return { steps };
    }
    message = found.message;
    steps.push({
      title: 'Commit',
      outcome: 'ok',
      detail: `Found ${found.sha.slice(0, 7)} ${found.source === 'stored' ? 'in the stored data' : 'on the Git host (it is not stored yet)'}: "${message.split('\n')[0]}"`,
    });
  }

  const candidates = candidateKeys(message);
  if (candidates.length === 0) {
    steps.push({
      title: 'Issue keys',
      outcome: 'problem',
      detail: 'The message mentions no issue key.',
      action: 'Put the issue key, such as DEMO-12, in the commit message, branch name or pull request title.',
    });
    return { steps };
  }
  const existing = await projectKeys.keysFor([message]);
  const known = candidates.filter((key) => existing.has(projectOf(key)));
  const unknown = candidates.filter((key) => !existing.has(projectOf(key)));
  steps.push({
    title: 'Issue keys',
    outcome: known.length > 0 ? 'ok' : 'problem',
    detail: `Found ${candidates.join(', ')}.${unknown.length > 0 ? ` ${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not a project on this site and ${unknown.length === 1 ? 'is' : 'are'} ignored.` : ''}`,
    ...(known.length === 0 ? { action: 'Use the key of an existing project, in upper or lower case.' } : {}),
  });
  if (known.length === 0) return { steps };

  const missing: string[] = [];
  for (const key of known) {
    const response = await ports.jira.asApp().requestJira(route`/rest/api/3/issue/${key}?fields=summary`);
    if (response.status === 404) missing.push(key);
  }
  steps.push(
    missing.length === 0
      ? { title: 'Issues', outcome: 'ok', detail: `${known.join(', ')} ${known.length === 1 ? 'exists' : 'exist'}.` }
      : {
          title: 'Issues',
          outcome: 'problem',
          detail: `${missing.join(', ')} ${missing.length === 1 ? 'does' : 'do'} not exist.`,
          action: 'Check the issue number in the message.',
        },
  );
  if (!found) return { steps };

  const { db } = ports.database;
  const repository = await db.selectFrom('repository').selectAll().where('id', '=', found.repositoryId).executeTakeFirstOrThrow();
  steps.push(
    Number(repository.linked) === 1
      ? { title: 'Repository', outcome: 'ok', detail: `${repository.full_name} is linked.` }
      : { title: 'Repository', outcome: 'problem', detail: `${repository.full_name} is not linked.`, action: 'Tick it in the account’s repository list.' },
  );
  const scope = parseProjectScope(repository.allowed_project_keys);
  const outOfScope = known.filter((key) => !inScope(scope, projectOf(key)));
  steps.push(
    outOfScope.length === 0
      ? { title: 'Project scope', outcome: 'ok', detail: scope === null ? 'The repository may appear on every project.' : `The repository may appear on ${[...scope].join(', ')}.` }
      : {
          title: 'Project scope',
          outcome: 'problem',
          detail: `${outOfScope.join(', ')} ${outOfScope.length === 1 ? 'is' : 'are'} outside the repository's projects (${[...(scope ?? [])].join(', ')}).`,
          action: 'Change "Shown on" for the repository if it should appear there.',
        },
  );
  const links = await db
    .selectFrom('issue_link')
    .select('issue_key')
    .where('repository_id', '=', repository.id)
    .where('item_kind', '=', 'commit')
    .where('item_key', '=', found.sha)
    .execute();
  steps.push(
    links.length > 0
      ? {
          title: 'On the Development panel',
          outcome: 'ok',
          detail: `Shown on ${links.map((link) => link.issue_key).join(', ')} to people with View Development Tools in those projects.`,
        }
      : {
          title: 'On the Development panel',
          outcome: 'problem',
          detail: 'The commit is not stored yet.',
          action: 'Check the webhook below, or use Sync now to fetch what was missed.',
        },
  );
  // Builds and deployments ran on the commit: followed like it, with what to tick on the host when none came.
  steps.push(...(await buildAndDeploymentSteps(ports, repository, found.sha)));
  const deliveries = await db
    .selectFrom('delivery')
    .select([(eb) => eb.fn.countAll<number | string>().as('n'), (eb) => eb.fn.max('received_at').as('latest')])
    .where('repository_id', '=', repository.id)
    .where('received_at', '>', ports.clock.now() - WEEK_MS)
    .executeTakeFirst();
  const count = Number(deliveries?.n ?? 0);
  const linkedAt = Number(repository.created_at);
  const linkedThisWeek = linkedAt > ports.clock.now() - WEEK_MS ? [{ label: 'Linked', at: linkedAt }] : [];
  let webhook: DiagnosticStep;
  if (count > 0) {
    webhook = {
      title: 'Webhook',
      outcome: 'ok',
      detail: 'Deliveries from this repository reached the app in the last 7 days.',
      facts: [
        { label: 'Deliveries', count },
        { label: 'Latest', at: Number(deliveries?.latest) },
      ],
    };
  } else if (links.length > 0) {
    // The commit is stored (a sync brought it): no delivery yet is not what decides whether it shows.
    webhook = {
      title: 'Webhook',
      outcome: 'info',
      detail: 'No webhook deliveries from this repository in the last 7 days (nothing pushed since, or the webhook is not set up). This commit came in through a sync.',
      facts: linkedThisWeek,
    };
  } else {
    webhook = {
      title: 'Webhook',
      outcome: 'problem',
      detail: 'No webhook deliveries from this repository in the last 7 days.',
      facts: linkedThisWeek,
      action: 'Check the webhook URL and secret in the repository settings against this account’s page; the Git host lists failed deliveries there.',
    };
  }
  steps.push(webhook);
  const rejected = await db.selectFrom('signature_failure').select(['failures', 'first_at', 'last_at']).where('account_id', '=', repository.account_id).executeTakeFirst();
  if (rejected && Number(rejected.last_at) > ports.clock.now() - WEEK_MS) {
    steps.push({
      title: 'Webhook signatures',
      outcome: 'problem',
      detail: "Deliveries to this account's webhook URL were refused because their signature did not match.",
      facts: [
        { label: 'Refused', count: Number(rejected.failures) },
        { label: 'First', at: Number(rejected.first_at) },
        { label: 'Latest', at: Number(rejected.last_at) },
      ],
      action:
        'Copy the webhook secret from this account’s page into the webhook settings on the Git host (or use "Regenerate secret" and paste the new one), then redeliver a failed delivery.',
    });
  }
  steps.push({
    title: 'Last sync',
    outcome: repository.last_error ? 'problem' : 'info',
    detail: repository.last_error ?? (repository.last_sync_at === null ? 'Not synced through the Git host’s API yet.' : 'Synced through the Git host’s API.'),
    ...(repository.last_sync_at === null ? {} : { facts: [{ label: 'Last synced', at: Number(repository.last_sync_at) }] }),
    ...(repository.last_error ? { action: 'Fix what the error says, then use Sync now.' } : {}),
  });
  const smart = await db.selectFrom('smart_commit').select(['status', 'results']).where('repository_id', '=', repository.id).where('sha', '=', found.sha).executeTakeFirst();
  if (smart) {
    const results = JSON.parse(smart.results ?? '[]') as Array<{ issueKey: string; command: string; status: string; message: string }>;
    const failed = results.filter((result) => result.status === 'failed');
    steps.push({
      title: 'Smart commits',
      outcome: failed.length > 0 ? 'problem' : 'ok',
      detail: results.map((result) => `${result.issueKey} ${result.command}: ${result.message}`).join(' ') || `Status: ${smart.status}.`,
      ...(failed.length > 0 ? { action: 'See each command’s reason; a command is never run twice.' } : {}),
    });
  }
  return { steps };
}
