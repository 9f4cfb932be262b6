import type { ProjectKeyDirectory } from '../issue-keys/project-key-directory';
import type { Ports } from '../ports/ports';
import type { DevEvent, RepositoryRef } from './dev-event';
import { queueDevinfoRepositories, mirrorsDevelopmentInfo } from '../jira-sync/devinfo-outbox';
import { markRepositoryIssuesChanged } from '../jira-sync/issue-summary-outbox';
import { writeLinks } from './dev-info-writer';
import { planLinks } from './link-plan';
import { parseProjectScope } from './project-scope';

const PAGE = 500;

/**
 * Rebuilds a repository's issue links from what is stored, under its current project scope: no Git host
 * is asked. Commits, branches and pull requests are read a page at a time by key.
 */
export async function relinkRepository(ports: Ports, projectKeys: ProjectKeyDirectory, repositoryId: string): Promise<number> {
  const { db } = ports.database;
  const repository = await db.selectFrom('repository').selectAll().where('id', '=', repositoryId).executeTakeFirst();
  if (!repository) return 0;
  const scope = parseProjectScope(repository.allowed_project_keys);
  const ref: RepositoryRef = { providerRepoId: repository.provider_repo_id, fullName: repository.full_name, url: repository.url };
  const keys = await projectKeys.keysFor([]);
  const now = ports.clock.now();
  const mirror = await mirrorsDevelopmentInfo(ports.database, repositoryId);
  // Issues and mirrored items that lose their link must hear about it as well as those that gain one.
  await markRepositoryIssuesChanged(ports.database, [repositoryId], now);
  if (mirror) await queueDevinfoRepositories(ports.database, [repositoryId], now);
  await db.deleteFrom('issue_link').where('repository_id', '=', repositoryId).execute();
  let links = 0;
  const relink = async (events: DevEvent[]) => {
    const plan = planLinks(repositoryId, events, keys, ports.clock.now(), scope);
    await writeLinks(ports.database, plan.links, now);
    links += plan.links.length;
  };

  for (let after = ''; ; ) {
    const commits = await db.selectFrom('dev_commit').selectAll().where('repository_id', '=', repositoryId).where('sha', '>', after).orderBy('sha').limit(PAGE).execute();
    if (commits.length === 0) break;
    after = commits[commits.length - 1]!.sha;
    await relink([
      {
        kind: 'push',
        repository: ref,
        branch: '',
        branchUrl: '',
        headSha: '',
        truncated: false,
        before: null,
        commits: commits.map((row) => ({ sha: row.sha, message: row.message, authorName: row.author_name, authorEmail: row.author_email, authoredAt: Number(row.authored_at), url: row.url, filesChanged: row.files_changed })),
      },
    ]);
  }
  const branches = await db.selectFrom('dev_branch').selectAll().where('repository_id', '=', repositoryId).where('deleted', '=', 0).execute();
  await relink(branches.map((row) => ({ kind: 'branch-created', repository: ref, branch: row.name, branchUrl: row.url, headSha: row.head_sha })));
  const pulls = await db.selectFrom('dev_pull_request').selectAll().where('repository_id', '=', repositoryId).execute();
  await relink(
    pulls.map((row) => ({
      kind: 'pull-request',
      repository: ref,
      pullRequest: { number: Number(row.number), title: row.title, state: row.state, sourceBranch: row.source_branch, destinationBranch: row.destination_branch, authorName: row.author_name, updatedAt: Number(row.updated_at), url: row.url },
    })),
  );
  if (mirror) await queueDevinfoRepositories(ports.database, [repositoryId], now);
  return links;
}
