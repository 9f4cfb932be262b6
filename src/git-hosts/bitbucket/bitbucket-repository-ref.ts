import type { RepositoryRef } from '../dev-event';

/** The repository a Bitbucket Cloud delivery names, as the app refers to it: every event carries it in this shape. */
export function bitbucketRepositoryRef(repository: { uuid: string; full_name: string; links: { html: { href: string } } }): RepositoryRef {
  return { providerRepoId: repository.uuid, fullName: repository.full_name, url: repository.links.html.href };
}
