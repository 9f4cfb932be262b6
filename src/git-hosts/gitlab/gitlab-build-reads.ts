import { listedBuilds } from '../listed-builds';
import type { HttpFetch } from '../../ports/http';
import type { BuildData } from '../build-event';
import type { RemoteRepository } from '../git-host-client';
import { providerRequest } from '../provider-http';
import { normaliseGitlabBuildDelivery } from './gitlab-build-events';

/** Pipelines read per commit: one page, newest first (a commit rarely has more than a few). */
const PER_PAGE = 20;
/** Statuses after which a pipeline's `updated_at` is when it finished. */
const FINISHED = new Set(['success', 'failed', 'canceled', 'skipped']);

/**
 * The latest builds on one commit, in one request: its pipelines (docs.gitlab.com "Pipelines API", list
 * project pipelines with `sha`). Cheaper than the commit's statuses, which list every job; a CI outside
 * GitLab that reports statuses gets an external pipeline of its own, so it is listed too. Each pipeline goes
 * through the webhook normaliser as the Pipeline Hook it would be; one it refuses is left out.
 */
export async function gitlabLatestBuilds(
  fetch: HttpFetch,
  hostName: string,
  projectUrl: string,
  token: string,
  repository: RemoteRepository,
  sha: string,
  branch: string,
): Promise<BuildData[]> {
  const query = new URLSearchParams({ sha, per_page: String(PER_PAGE) }).toString();
  const response = await providerRequest<unknown>(fetch, hostName, `${projectUrl}/pipelines?${query}`, { token });
  const pipelines = Array.isArray(response.body) ? (response.body as unknown[]) : [];
  const project = { id: Number(repository.providerRepoId), path_with_namespace: repository.fullName, web_url: repository.url };
  return listedBuilds(pipelines.slice(0, PER_PAGE), (item) => {
    const pipeline = (item ?? {}) as { status?: unknown; ref?: unknown; updated_at?: unknown; web_url?: unknown };
    return normaliseGitlabBuildDelivery('Pipeline Hook', {
      object_kind: 'pipeline',
      project,
      object_attributes: {
        ...(item as object),
        // The list says when a pipeline last changed, not when it finished; for a finished one that is the same.
        finished_at: typeof pipeline.status === 'string' && FINISHED.has(pipeline.status) ? pipeline.updated_at : null,
        url: pipeline.web_url,
        // The list does not say whether a ref is a tag: one other than the head's branch is named as no branch.
        tag: pipeline.ref !== branch,
      },
    });
  });
}
