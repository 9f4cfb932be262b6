import type { RepositoryRef } from '../dev-event';

/** The project a GitLab delivery names, as the app refers to it: every hook carries it in this shape. */
export function gitlabRepositoryRef(project: { id: number; path_with_namespace: string; web_url: string }): RepositoryRef {
  return { providerRepoId: String(project.id), fullName: project.path_with_namespace, url: project.web_url };
}
