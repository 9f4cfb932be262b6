import type { ProjectKeyDirectory } from '../issue-keys/project-key-directory';

/** The long-lived services resolvers share with the rest of the app, built once at the composition root. */
export interface ResolverServices {
  projectKeys: ProjectKeyDirectory;
}
