import type { ProjectKeyDirectory } from '../issue-keys/project-key-directory';
import { mirrorsDevelopmentInfo, queueDevinfoItems } from './devinfo-outbox';
import { markIssuesChanged } from './issue-summary-outbox';
import type { Ports } from '../ports/ports';
import type { IssueLinkTable } from '../storage/schema';
import type { DevEvent, RepositoryRef } from '../git-hosts/dev-event';
import { buildFromRow, deploymentFromRow } from './build-rows';
import { buildAndDeploymentLinks } from './build-writer';
import { planLinks } from './link-plan';
import { linkedIssueKeys } from './repository-links';
import { parseProjectScope } from '../accounts/project-scope';
import { batchesBySize, larger, takeIncoming, upsertRows } from '../storage/upsert';

/** Items read per statement; each page is then re-linked with a handful of statements. */
const PAGE = 500;

type Kind = IssueLinkTable['item_kind'];
// Builds and deployments last: their links follow those of the commits, branches and pull requests they ran on.
const KINDS: Kind[] = ['commit', 'branch', 'pull_request', 'build', 'deployment'];

/** Where a re-link stopped: the kind of item, and the last item done (by its key, in key order). */
export interface RelinkCursor {
  kind: Kind;
  after: string | null;
}

export interface RelinkSlice {
  /** Links added or removed in this slice. */
  changed: number;
  /** Where to continue; null when the whole repository is re-linked. */
  next: RelinkCursor | null;
}

/**
 * Re-links a repository's stored items under its current project scope, without asking the Git host: a
 * page of items at a time (keyset by sha, branch name or number), comparing the links each item should
 * have with those it has and changing only items whose links differ. Stops after `budgetMs` with a cursor,
 * so a repository of any size is done in slices that each fit an invocation.
 */
export async function relinkRepository(
  ports: Ports,
  projectKeys: ProjectKeyDirectory,
  repositoryId: string,
  cursor: RelinkCursor | null = null,
  budgetMs = 20_000,
): Promise<RelinkSlice> {
  const { db } = ports.database;
  const started = ports.clock.now();
  const repository = await db.selectFrom('repository').select(['provider_repo_id', 'full_name', 'url', 'allowed_project_keys']).where('id', '=', repositoryId).executeTakeFirst();
  if (!repository) return { changed: 0, next: null };
  const scope = parseProjectScope(repository.allowed_project_keys);
  const ref: RepositoryRef = { providerRepoId: repository.provider_repo_id, fullName: repository.full_name, url: repository.url };
  const keys = await projectKeys.keysFor([]);
  const mirror = await mirrorsDevelopmentInfo(ports.database, repositoryId);
  let changed = 0;
  let position: RelinkCursor = cursor ?? { kind: 'commit', after: null };
  for (;;) {
    if (ports.clock.now() - started >= budgetMs) return { changed, next: position };
    const page = await readPage(ports, repositoryId, ref, position);
    if (page.itemKeys.length > 0) {
      const plan = planLinks(repositoryId, page.events, keys, ports.clock.now(), scope);
      const wanted = position.kind === 'build' || position.kind === 'deployment' ? (await buildAndDeploymentLinks(ports.database, plan)).links : plan.links;
      changed += await replaceLinks(ports, repositoryId, position.kind, page.itemKeys, wanted, mirror);
    }
    if (page.itemKeys.length === PAGE) {
      position = { kind: position.kind, after: page.itemKeys[page.itemKeys.length - 1]! };
      continue;
    }
    const nextKind = KINDS[KINDS.indexOf(position.kind) + 1];
    if (!nextKind) return { changed, next: null };
    position = { kind: nextKind, after: null };
  }
}

async function readPage(ports: Ports, repositoryId: string, ref: RepositoryRef, position: RelinkCursor): Promise<{ itemKeys: string[]; events: DevEvent[] }> {
  const { db } = ports.database;
  if (position.kind === 'commit') {
    const rows = await db
      .selectFrom('dev_commit')
      .select(['sha', 'message', 'author_name', 'author_email', 'authored_at', 'url', 'files_changed'])
      .where('repository_id', '=', repositoryId)
      .$if(position.after !== null, (query) => query.where('sha', '>', position.after!))
      .orderBy('sha')
      .limit(PAGE)
      .execute();
    const commits = rows.map((row) => ({
      sha: row.sha,
      message: row.message,
      authorName: row.author_name,
      authorEmail: row.author_email,
      authoredAt: Number(row.authored_at),
      url: row.url,
      filesChanged: row.files_changed,
    }));
    return { itemKeys: rows.map((row) => row.sha), events: [{ kind: 'push', repository: ref, branch: '', branchUrl: '', headSha: '', truncated: false, before: null, commits }] };
  }
  if (position.kind === 'branch') {
    const rows = await db
      .selectFrom('dev_branch')
      .select(['name', 'url', 'head_sha', 'deleted'])
      .where('repository_id', '=', repositoryId)
      .$if(position.after !== null, (query) => query.where('name', '>', position.after!))
      .orderBy('name')
      .limit(PAGE)
      .execute();
    const live = rows.filter((row) => Number(row.deleted) === 0);
    return {
      itemKeys: rows.map((row) => row.name),
      events: live.map((row) => ({ kind: 'branch-created', repository: ref, branch: row.name, branchUrl: row.url, headSha: row.head_sha })),
    };
  }
  if (position.kind === 'build') {
    const rows = await db
      .selectFrom('dev_build')
      .selectAll()
      .where('repository_id', '=', repositoryId)
      .$if(position.after !== null, (query) => query.where('build_key', '>', position.after!))
      .orderBy('build_key')
      .limit(PAGE)
      .execute();
    return { itemKeys: rows.map((row) => row.build_key), events: rows.map((row) => ({ kind: 'build', repository: ref, build: buildFromRow(row) })) };
  }
  if (position.kind === 'deployment') {
    const rows = await db
      .selectFrom('dev_deployment')
      .selectAll()
      .where('repository_id', '=', repositoryId)
      .$if(position.after !== null, (query) => query.where('deployment_id', '>', position.after!))
      .orderBy('deployment_id')
      .limit(PAGE)
      .execute();
    return { itemKeys: rows.map((row) => row.deployment_id), events: rows.map((row) => ({ kind: 'deployment', repository: ref, deployment: deploymentFromRow(row) })) };
  }
  const rows = await db
    .selectFrom('dev_pull_request')
    .select(['number', 'title', 'state', 'source_branch', 'destination_branch', 'author_name', 'updated_at', 'url'])
    .where('repository_id', '=', repositoryId)
    .$if(position.after !== null, (query) => query.where('number', '>', Number(position.after)))
    .orderBy('number')
    .limit(PAGE)
    .execute();
  return {
    itemKeys: rows.map((row) => String(row.number)),
    events: rows.map((row) => ({
      kind: 'pull-request',
      repository: ref,
      pullRequest: {
        number: Number(row.number),
        title: row.title,
        state: row.state,
        sourceBranch: row.source_branch,
        destinationBranch: row.destination_branch,
        authorName: row.author_name,
        updatedAt: Number(row.updated_at),
        url: row.url,
      },
    })),
  };
}

/** Makes the page's items link exactly to `wanted`; returns how many links were added or removed. */
async function replaceLinks(ports: Ports, repositoryId: string, kind: Kind, itemKeys: string[], wanted: IssueLinkTable[], mirror: boolean): Promise<number> {
  const { db } = ports.database;
  const linked = await linkedIssueKeys(ports.database, repositoryId, kind, itemKeys);
  const existing = [...linked].flatMap(([itemKey, issueKeys]) => issueKeys.map((issueKey) => ({ item_key: itemKey, issue_key: issueKey })));
  const pair = (itemKey: string, issueKey: string) => `${itemKey}\n${issueKey}`;
  const have = new Set(existing.map((row) => pair(row.item_key, row.issue_key)));
  const want = new Set(wanted.map((row) => pair(row.item_key, row.issue_key)));
  const removed = existing.filter((row) => !want.has(pair(row.item_key, row.issue_key)));
  const added = wanted.filter((row) => !have.has(pair(row.item_key, row.issue_key)));
  if (removed.length + added.length === 0) return 0;
  // Items whose links differ get their whole set of links rewritten; the others are left alone.
  const touched = new Set([...removed, ...added].map((row) => row.item_key));
  await db
    .deleteFrom('issue_link')
    .where('repository_id', '=', repositoryId)
    .where('item_kind', '=', kind)
    .where('item_key', 'in', [...touched])
    .execute();
  for (const batch of batchesBySize(wanted.filter((row) => touched.has(row.item_key)))) {
    await upsertRows(ports.database, 'issue_link', batch, ['issue_key', 'item_kind', 'repository_id', 'item_key'], {
      project_key: takeIncoming,
      item_time: ({ incoming, existing: stored }) => larger(incoming, stored),
    });
  }
  const now = ports.clock.now();
  await markIssuesChanged(
    ports.database,
    [...removed, ...added].map((row) => row.issue_key),
    now,
  );
  if (mirror)
    await queueDevinfoItems(
      ports.database,
      repositoryId,
      [...touched].map((key) => ({ kind, key })),
      now,
    );
  return removed.length + added.length;
}
