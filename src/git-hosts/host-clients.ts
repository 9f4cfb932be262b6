import type { Clock } from '../ports/clock';
import type { HttpFetch } from '../ports/http';
import { bitbucketHostClient } from './bitbucket/bitbucket-host-client';
import { bitbucketDcHostClient } from './bitbucket-data-center/bitbucket-dc-host-client';
import type { GitHostClient } from './git-host-client';
import { githubHostClient } from './github/github-host-client';
import { gitlabHostClient } from './gitlab/gitlab-host-client';
import { HOST_KINDS, type Provider } from './provider-hosts';

type ClientFactory = (fetch: HttpFetch, clock: Clock, endpoints: { web: string; api: string }, hostName: string) => GitHostClient;

/** The client of each kind of account: the one place a new kind's client is plugged in. */
const CLIENTS: Record<Provider, ClientFactory> = {
  github: githubHostClient,
  'github-enterprise': githubHostClient,
  'bitbucket-cloud': (fetch, clock, endpoints) => bitbucketHostClient(fetch, clock, endpoints),
  gitlab: gitlabHostClient,
  'bitbucket-data-center': bitbucketDcHostClient,
};

export function gitHostClientFor(provider: Provider, fetch: HttpFetch, clock: Clock, endpoints: { web: string; api: string }): GitHostClient {
  return CLIENTS[provider](fetch, clock, endpoints, HOST_KINDS[provider].name);
}
