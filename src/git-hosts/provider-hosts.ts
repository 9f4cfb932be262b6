import type { ProviderHosts } from '../ports/app-config';
import type { AccountTable } from '../storage/schema';

export type Provider = AccountTable['provider'];

export const PUBLIC_PROVIDER_HOSTS: ProviderHosts = {
  github: { web: 'https://github.com', api: 'https://api.github.com' },
  bitbucket: { web: 'https://bitbucket.org', api: 'https://api.bitbucket.org/2.0' },
};

/** The web (OAuth) and REST API bases of an account's host. */
export function endpointsFor(provider: Provider, hostUrl: string, hosts: ProviderHosts): { web: string; api: string } {
  if (provider === 'github') return hosts.github;
  if (provider === 'bitbucket-cloud') return hosts.bitbucket;
  return { web: hostUrl, api: `${hostUrl}/api/v3` };
}

export const PROVIDER_NAMES: Record<Provider, string> = {
  github: 'GitHub',
  'github-enterprise': 'GitHub Enterprise',
  'bitbucket-cloud': 'Bitbucket Cloud',
};
