import { z } from 'zod';
import { AppError } from '../../errors/app-error';
import type { HttpFetch } from '../../ports/http';
import type { CommitData } from '../dev-event';
import type { RemoteRepository } from '../git-host-client';
import { providerRequest } from '../provider-http';
import { githubCommitData } from './github-commit-data';

/**
 * Commits GitHub's compare lists in one answer when it is not paged (docs.github.com/en/rest/commits/commits
 * "Compare two commits": "the response will include a comparison of up to 250 commits"; paged answers hold
 * at most 100 a page). A deployment's range is read in this one request.
 */
const MAX_COMPARE_COMMITS = 250;

// The fields read from `GET /repos/{owner}/{repo}/compare/{base}...{head}` (same page as above).
const compareSchema = z.object({
  total_commits: z.number().int().nonnegative(),
  commits: z
    .array(
      z.object({
        sha: z.string().regex(/^[0-9a-f]{40}$/),
        html_url: z.string().max(2048),
        commit: z.object({
          message: z.string().max(100_000),
          author: z.object({ name: z.string().max(255).nullish(), email: z.string().max(255).nullish(), date: z.string().max(64).nullish() }).nullish(),
        }),
      }),
    )
    .max(MAX_COMPARE_COMMITS),
});

/** The commits `head` has and `base` has not, oldest first, at most MAX_COMPARE_COMMITS, in one request. */
export async function githubCommitsInRange(
  fetch: HttpFetch,
  hostName: string,
  repositoryPath: string,
  token: string,
  repository: RemoteRepository,
  base: string,
  head: string,
): Promise<{ commits: CommitData[]; complete: boolean }> {
  const response = await providerRequest<unknown>(fetch, hostName, `${repositoryPath}/compare/${encodeURIComponent(base)}...${encodeURIComponent(head)}`, { token });
  const parsed = compareSchema.safeParse(response.body);
  if (!parsed.success) throw new AppError('provider_error', `${hostName} answered the comparison of two commits of ${repository.fullName} with something unexpected.`);
  const answer = parsed.data;
  return {
    commits: answer.commits.map(githubCommitData),
    complete: answer.total_commits <= answer.commits.length,
  };
}
