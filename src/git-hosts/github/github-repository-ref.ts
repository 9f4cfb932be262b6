import type { RepositoryRef } from '../dev-event';

/** The repository a GitHub delivery names, as the app refers to it: every event kind carries it in this shape. */
export function githubRepositoryRef(repository: { id: number; full_name: string; html_url: string }): RepositoryRef {
  return { providerRepoId: String(repository.id), fullName: repository.full_name, url: repository.html_url };
}
