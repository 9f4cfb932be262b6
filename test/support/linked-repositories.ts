import { readdirSync } from 'node:fs';
import { GITHUB_EXAMPLE_REPOSITORY } from '../../sandbox/demo/github-payloads';
import { recordLinkedRepository } from '../../src/accounts/repository-directory';
import type { Ports } from '../../src/ports/ports';
import type { RemoteRepository } from '../../src/git-hosts/git-host-client';
import { readSharedFixture, sharedFixturePath } from './shared-fixtures';

/** The repository GitHub's example payloads come from. */
export const GITHUB_EXAMPLE: RemoteRepository = {
  providerRepoId: String(GITHUB_EXAMPLE_REPOSITORY.id),
  fullName: GITHUB_EXAMPLE_REPOSITORY.fullName,
  url: `https://github.com/${GITHUB_EXAMPLE_REPOSITORY.fullName}`,
};

/** Every repository the Bitbucket payload samples in ../shared/fixtures/bitbucket come from. */
export function bitbucketSampleRepositories(): RemoteRepository[] {
  const found = new Map<string, RemoteRepository>();
  for (const file of readdirSync(sharedFixturePath('bitbucket')).filter((name) => name.endsWith('.json'))) {
    const repository = (JSON.parse(readSharedFixture('bitbucket', file)) as { repository?: { uuid?: string; full_name?: string; links?: { html?: { href?: string } } } })
      .repository;
    if (repository?.uuid && repository.full_name)
      found.set(repository.uuid, { providerRepoId: repository.uuid, fullName: repository.full_name, url: repository.links?.html?.href ?? '' });
  }
  return [...found.values()];
}

/**
 * Links repositories to an account as an admin does from the repository list (the webhook added by hand):
 * deliveries for them are then stored. A repository a delivery names for the first time is only trusted
 * after the Git host confirms it, which these tests have no host for.
 */
export async function linkRepositories(ports: Ports, accountId: string, repositories: RemoteRepository[]): Promise<string[]> {
  const ids: string[] = [];
  for (const repository of repositories) ids.push(await recordLinkedRepository(ports.database, accountId, repository, ports.clock.now()));
  return ids;
}
