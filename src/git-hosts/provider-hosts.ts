import type { ProviderHosts } from '../ports/app-config';
import type { AccountTable } from '../storage/schema';

export type Provider = AccountTable['provider'];

/** Every kind of account, in the order the admin page offers them. */
export const PROVIDERS = ['github', 'github-enterprise', 'bitbucket-cloud', 'gitlab', 'bitbucket-data-center'] as const satisfies readonly Provider[];

/** The webtrigger that receives a kind's webhooks (a key in manifest.yml). */
export type WebhookTrigger = 'github-webhook' | 'bitbucket-webhook' | 'gitlab-webhook' | 'bitbucket-dc-webhook';

/**
 * What the app knows about each kind of account besides its client and normaliser: its name, where it lives,
 * which webtrigger receives its deliveries, what its credential must be granted and where a pull request is
 * opened. A new kind is one entry here (the compiler then asks for its client in `host-clients.ts`).
 */
interface HostKind {
  name: string;
  /**
   * `public`: one fixed address (`ProviderHosts`); `address`: the admin's server, checked as public before
   * every request; `public-or-address`: the public service unless the admin gives a server's address.
   */
  location: 'public' | 'address' | 'public-or-address';
  webhookTrigger: WebhookTrigger;
  requiredPermissions: string[];
  /** Where the host offers to open a pull (merge) request from `branch`, from the repository's web URL. */
  newPullRequestPath: (branch: string) => string;
  /**
   * The webhook events to tick for builds and deployments to arrive, in the host's own words (README,
   * "Connecting a repository's webhook"); null where its webhook sends none the app reads.
   */
  buildEvents: { builds: string | null; deployments: string | null };
}

const GITHUB_BUILD_EVENTS = { builds: 'Check suites, Check runs, Workflow runs and Statuses', deployments: 'Deployments and Deployment statuses' };

const githubCompare = (branch: string) => `/compare/${branch.split('/').map(encodeURIComponent).join('/')}?expand=1`;

export const HOST_KINDS: Record<Provider, HostKind> = {
  github: {
    name: 'GitHub',
    location: 'public',
    webhookTrigger: 'github-webhook',
    requiredPermissions: ['repo', 'read:org', 'admin:repo_hook'],
    newPullRequestPath: githubCompare,
    buildEvents: GITHUB_BUILD_EVENTS,
  },
  'github-enterprise': {
    name: 'GitHub Enterprise',
    location: 'address',
    webhookTrigger: 'github-webhook',
    requiredPermissions: ['repo', 'read:org', 'admin:repo_hook'],
    newPullRequestPath: githubCompare,
    buildEvents: GITHUB_BUILD_EVENTS,
  },
  'bitbucket-cloud': {
    name: 'Bitbucket Cloud',
    location: 'public',
    webhookTrigger: 'bitbucket-webhook',
    requiredPermissions: ['Account: Read', 'Repositories: Read', 'Pull requests: Read', 'Webhooks: Read and write'],
    newPullRequestPath: (branch) => `/pull-requests/new?source=${encodeURIComponent(branch)}&t=1`,
    buildEvents: { builds: 'Build status created and Build status updated', deployments: null },
  },
  gitlab: {
    name: 'GitLab',
    location: 'public-or-address',
    webhookTrigger: 'gitlab-webhook',
    // `api` covers the project hooks the app adds; `read_api` alone is enough when webhooks are added by hand.
    requiredPermissions: ['api (or read_api, with webhooks added by hand)', 'Role: Maintainer, to add project webhooks'],
    newPullRequestPath: (branch) => `/-/merge_requests/new?${new URLSearchParams({ 'merge_request[source_branch]': branch }).toString()}`,
    buildEvents: { builds: 'Pipeline events', deployments: 'Deployment events' },
  },
  'bitbucket-data-center': {
    name: 'Bitbucket Data Center',
    location: 'address',
    webhookTrigger: 'bitbucket-dc-webhook',
    requiredPermissions: ['Project read (repository read for each repository)', 'Repository admin, to add webhooks'],
    newPullRequestPath: (branch) => `/pull-requests?${new URLSearchParams({ create: '', sourceBranch: `refs/heads/${branch}` }).toString()}`,
    // It has no build or deployment webhook: the hourly reconciliation reads build statuses instead.
    buildEvents: { builds: null, deployments: null },
  },
};

export const PUBLIC_PROVIDER_HOSTS: ProviderHosts = {
  github: { web: 'https://github.com', api: 'https://api.github.com' },
  bitbucket: { web: 'https://bitbucket.org', api: 'https://api.bitbucket.org/2.0' },
  gitlab: { web: 'https://gitlab.com', api: 'https://gitlab.com/api/v4' },
};

/** The public address of a kind that has one (for an account created without a server address). */
export function publicWebUrl(provider: Provider, hosts: ProviderHosts = PUBLIC_PROVIDER_HOSTS): string | null {
  if (provider === 'github') return hosts.github.web;
  if (provider === 'bitbucket-cloud') return hosts.bitbucket.web;
  if (provider === 'gitlab') return hosts.gitlab.web;
  return null;
}

/** The web (OAuth) and REST API bases of an account's host. */
export function endpointsFor(provider: Provider, hostUrl: string, hosts: ProviderHosts): { web: string; api: string } {
  if (provider === 'github') return hosts.github;
  if (provider === 'bitbucket-cloud') return hosts.bitbucket;
  if (provider === 'gitlab') return isCustomerServer(provider, hostUrl, hosts) ? { web: hostUrl, api: `${hostUrl}/api/v4` } : hosts.gitlab;
  if (provider === 'bitbucket-data-center') return { web: hostUrl, api: `${hostUrl}/rest/api/1.0` };
  return { web: hostUrl, api: `${hostUrl}/api/v3` };
}

/** Whether an account's host is an admin's own server: its address is checked before every request. */
export function isCustomerServer(provider: Provider, hostUrl: string, hosts: ProviderHosts): boolean {
  const { location } = HOST_KINDS[provider];
  if (location === 'public') return false;
  if (location === 'address') return true;
  return publicWebUrl(provider, hosts) !== hostUrl && publicWebUrl(provider) !== hostUrl;
}

export const PROVIDER_NAMES = Object.fromEntries(Object.entries(HOST_KINDS).map(([provider, kind]) => [provider, kind.name])) as Record<Provider, string>;
