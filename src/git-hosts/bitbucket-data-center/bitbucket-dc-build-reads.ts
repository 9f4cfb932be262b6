import { listedBuilds } from '../listed-builds';
import type { HttpFetch } from '../../ports/http';
import type { BuildData } from '../build-event';
import type { RemoteRepository } from '../git-host-client';
import { providerRequest } from '../provider-http';
import { dcBuildOf } from './bitbucket-dc-build-statuses';

/** Statuses read per commit: one page (Bitbucket keeps one per key, so a commit has few). */
const LIMIT = 50;

/**
 * The latest builds on one commit, in one request: its build statuses. Listing them is only offered by the
 * build-status API (`/rest/build-status/1.0/commits/{commitId}`, in every version from Stash to 9.x, marked
 * deprecated since 7.4 but still served); the repository-scoped builds API of 7.4 and later reads one status
 * by its key and cannot list them. Those statuses are the commit's in every repository that has it (forks
 * too). An item that is not a build status is left out.
 */
export async function bitbucketDcLatestBuilds(
  fetch: HttpFetch,
  hostName: string,
  web: string,
  token: string,
  repository: RemoteRepository,
  sha: string,
  branch: string,
): Promise<BuildData[]> {
  const query = new URLSearchParams({ limit: String(LIMIT) }).toString();
  const response = await providerRequest<{ values?: unknown }>(fetch, hostName, `${web}/rest/build-status/1.0/commits/${encodeURIComponent(sha)}?${query}`, { token });
  const values = Array.isArray(response.body?.values) ? (response.body.values as unknown[]) : [];
  return listedBuilds(values.slice(0, LIMIT), (status) => dcBuildOf(status, sha, branch, repository.url));
}
