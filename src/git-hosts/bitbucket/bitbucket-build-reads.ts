import { listedBuilds } from '../listed-builds';
import type { HttpFetch } from '../../ports/http';
import type { BuildData } from '../build-event';
import type { RemoteRepository } from '../git-host-client';
import { providerRequest } from '../provider-http';
import { normaliseBitbucketBuildDelivery } from './bitbucket-build-events';

const PAGE_LENGTH = 50;

/**
 * The latest builds on one commit, in one request: its commit statuses (Bitbucket keeps the latest per key).
 * Each goes through the webhook normaliser, as if delivered; one it refuses is left out.
 */
export async function bitbucketLatestBuilds(fetch: HttpFetch, hostName: string, api: string, token: string, repository: RemoteRepository, sha: string): Promise<BuildData[]> {
  const path = `${api}/repositories/${repository.fullName.split('/').map(encodeURIComponent).join('/')}`;
  const response = await providerRequest<{ values?: unknown[] }>(fetch, hostName, `${path}/commit/${encodeURIComponent(sha)}/statuses?pagelen=${PAGE_LENGTH}`, { token });
  const repositoryJson = { uuid: repository.providerRepoId, full_name: repository.fullName, links: { html: { href: repository.url } } };
  return listedBuilds((response.body?.values ?? []).slice(0, PAGE_LENGTH), (status) =>
    normaliseBitbucketBuildDelivery('repo:commit_status_updated', { repository: repositoryJson, commit_status: { ...(status as object), commit: { hash: sha } } }),
  );
}
