import { linkedIssueKeys } from '../dev-info/repository-links';
import { HOST_KINDS } from '../git-hosts/provider-hosts';
import type { Ports } from '../ports/ports';
import type { AccountTable } from '../storage/schema';
import type { DiagnosticStep } from './diagnose-commit';

/** Builds and deployments of one commit a step names at most, newest first: one is the answer, a few give context. */
const MAX_READ = 5;

type Provider = AccountTable['provider'];

const STATE_WORDS: Record<string, string> = {
  successful: 'succeeded',
  failed: 'failed',
  in_progress: 'is in progress',
  pending: 'is pending',
  cancelled: 'was cancelled',
  rolled_back: 'was rolled back',
  unknown: 'is in an unknown state',
};

interface Received {
  key: string;
  /** The run's or deployment's own words: `CI on main`, `deploy to production`. */
  what: string;
  state: string;
  updatedAt: number;
}

function step(kind: 'Builds' | 'Deployments', provider: Provider, received: Received[], links: Map<string, string[]>): DiagnosticStep {
  const noun = kind === 'Builds' ? 'build' : 'deployment';
  const latest = received[0];
  if (!latest) {
    const events = HOST_KINDS[provider].buildEvents[kind === 'Builds' ? 'builds' : 'deployments'];
    return {
      title: kind,
      outcome: 'info',
      detail: `No ${noun} of this commit was received.`,
      action: events
        ? `If this repository ${kind === 'Builds' ? 'runs CI' : 'deploys'}, tick ${events} in its webhook settings on ${HOST_KINDS[provider].name} (webhooks the app creates ask for them), then run it again.`
        : `${HOST_KINDS[provider].name} sends no ${noun} events the app reads; ${kind === 'Builds' ? 'builds' : 'deployments'} of this host are not shown.`,
    };
  }
  const linkedTo = [...new Set(received.flatMap((item) => links.get(item.key) ?? []))];
  const summary = `${received.length === 1 ? `1 ${noun}` : `${received.length}${received.length === MAX_READ ? ' or more' : ''} ${noun}s`} of this commit received; the latest, ${latest.what}, ${STATE_WORDS[latest.state] ?? latest.state}.`;
  return linkedTo.length > 0
    ? { title: kind, outcome: 'ok', detail: `${summary} Shown on ${linkedTo.join(', ')}.`, facts: [{ label: 'Latest', at: latest.updatedAt }] }
    : {
        title: kind,
        outcome: 'problem',
        detail: `${summary} It links to no issue.`,
        facts: [{ label: 'Latest', at: latest.updatedAt }],
        action: `A ${noun} links to the issues of its commit and of its branch${kind === 'Builds' ? ' and pull requests' : ' or tag'}: name the issue there, within the repository's projects.`,
      };
}

/**
 * Whether builds and deployments of the commit arrived, their latest state, and the issues they link to; when
 * none did, what to tick on the host. Five reads whatever the repository holds: the account's provider by its
 * key, the latest few builds on the (repository, commit) index and deployments on the repository's key, then
 * their links on the (repository, kind, item) index.
 */
export async function buildAndDeploymentSteps(ports: Ports, repository: { id: string; account_id: string }, sha: string): Promise<DiagnosticStep[]> {
  const { db } = ports.database;
  const account = await db.selectFrom('account').select('provider').where('id', '=', repository.account_id).executeTakeFirst();
  if (!account) return [];
  const builds = await db
    .selectFrom('dev_build')
    .select(['build_key', 'name', 'branch', 'state', 'updated_at'])
    .where('repository_id', '=', repository.id)
    .where('commit_sha', '=', sha)
    .orderBy('updated_at', 'desc')
    .limit(MAX_READ)
    .execute();
  const deployments = await db
    .selectFrom('dev_deployment')
    .select(['deployment_id', 'pipeline_name', 'environment_name', 'state', 'updated_at'])
    .where('repository_id', '=', repository.id)
    .where('commit_sha', '=', sha)
    .orderBy('updated_at', 'desc')
    .limit(MAX_READ)
    .execute();
  const linksOf = (kind: 'build' | 'deployment', keys: string[]) => linkedIssueKeys(ports.database, repository.id, kind, keys);
  const buildLinks = await linksOf(
    'build',
    builds.map((row) => row.build_key),
  );
  const deploymentLinks = await linksOf(
    'deployment',
    deployments.map((row) => row.deployment_id),
  );
  return [
    step(
      'Builds',
      account.provider,
      builds.map((row) => ({ key: row.build_key, what: row.branch ? `${row.name} on ${row.branch}` : row.name, state: row.state, updatedAt: Number(row.updated_at) })),
      buildLinks,
    ),
    step(
      'Deployments',
      account.provider,
      deployments.map((row) => ({
        key: row.deployment_id,
        what: `${row.pipeline_name ? `${row.pipeline_name} ` : ''}to ${row.environment_name}`,
        state: row.state,
        updatedAt: Number(row.updated_at),
      })),
      deploymentLinks,
    ),
  ];
}
