import { listedBuilds } from '../listed-builds';
import type { HttpFetch } from '../../ports/http';
import type { BuildData } from '../build-event';
import type { RemoteRepository } from '../git-host-client';
import { providerRequest } from '../provider-http';
import { normaliseGithubBuildDelivery } from './github-build-events';

/** Runs and statuses read per commit: one page of each. */
const PER_PAGE = 50;

/**
 * The latest builds on one commit, in two requests: its commit statuses (the combined status lists the latest
 * of each context) and its workflow runs. Each item goes through the webhook normaliser, as if delivered, so
 * an item the normaliser refuses is left out rather than stored differently.
 */
export async function githubLatestBuilds(
  fetch: HttpFetch,
  hostName: string,
  api: string,
  token: string,
  repository: RemoteRepository,
  sha: string,
  branch: string,
): Promise<BuildData[]> {
  const path = `${api}/repos/${repository.fullName.split('/').map(encodeURIComponent).join('/')}`;
  const repositoryJson = { id: Number(repository.providerRepoId), full_name: repository.fullName, html_url: repository.url };
  const [combined, runs] = await Promise.all([
    providerRequest<{ statuses?: unknown[] }>(fetch, hostName, `${path}/commits/${encodeURIComponent(sha)}/status?per_page=${PER_PAGE}`, { token }),
    providerRequest<{ workflow_runs?: unknown[] }>(fetch, hostName, `${path}/actions/runs?head_sha=${encodeURIComponent(sha)}&per_page=${PER_PAGE}`, { token }),
  ]);
  return [
    ...listedBuilds((combined.body?.statuses ?? []).slice(0, PER_PAGE), (status) =>
      normaliseGithubBuildDelivery('status', { ...(status as object), sha, branches: [{ name: branch }], repository: repositoryJson }),
    ),
    ...listedBuilds((runs.body?.workflow_runs ?? []).slice(0, PER_PAGE), (run) =>
      normaliseGithubBuildDelivery('workflow_run', { action: 'completed', repository: repositoryJson, workflow_run: run }),
    ),
  ];
}
