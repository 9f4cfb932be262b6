import { sql, type ExpressionBuilder, type RawBuilder } from 'kysely';
import type { Database } from '../storage/database';
import type { Schema } from '../storage/schema';
import { safeHttpUrl } from '../urls/http-url';
import { createPullRequestUrl, firstLine, type DevItem, type DevItemKind, type DevItemOfKind, type ItemFilter, type ItemPage, type ReviewerStanding } from './dev-info-items';
import { encodeCursor, type ItemCursor } from './item-cursor';

/** Repositories listed for one commit at most (a fork network can be large); the rest are left out. */
const MAX_REPOSITORIES_PER_COMMIT = 20;

type WithLink = Schema & { l: Schema['issue_link'] };

/** `text` as a LIKE pattern that finds it anywhere, lower-cased; `!` escapes, as both engines allow. */
const containing = (text: string) => `%${text.toLowerCase().replace(/[!%_]/g, (char) => `!${char}`)}%`;
const lowerLike = (column: string, pattern: string) => sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '!'`;

/**
 * A pull request link's `item_key` is the number as text; comparing the integer column to it converted
 * (rather than the other way round) keeps the lookup on the pull request's primary key.
 */
export const linkedNumber = (database: Database): RawBuilder<number> =>
  database.dialect === 'mysql' ? sql<number>`cast(l.item_key as signed)` : sql<number>`cast(l.item_key as integer)`;

/**
 * Whether a link row points at an item still there that passes the filter: a correlated sub-query on the
 * item's primary key. Text is looked for in a commit's message, author and sha (a prefix); a branch's name;
 * a pull request's title, branch, author and number.
 */
function itemMatches(database: Database, eb: ExpressionBuilder<WithLink, 'l'>, kind: DevItemKind, filter: ItemFilter) {
  const text = filter.text?.trim() ?? '';
  const pattern = text ? containing(text) : null;
  if (kind === 'commit') {
    const shaPrefix = /^[0-9a-f]{4,64}$/i.test(text) ? `${text.toLowerCase()}%` : null;
    return eb.exists(
      eb
        .selectFrom('dev_commit as c')
        .select(sql`1`.as('one'))
        .whereRef('c.repository_id', '=', 'l.repository_id')
        .whereRef('c.sha', '=', 'l.item_key')
        .$if(pattern !== null, (query) =>
          query.where((inner) => inner.or([lowerLike('c.message', pattern!), lowerLike('c.author_name', pattern!), ...(shaPrefix ? [inner('c.sha', 'like', shaPrefix)] : [])])),
        ),
    );
  }
  if (kind === 'branch') {
    return eb.exists(
      eb
        .selectFrom('dev_branch as b')
        .select(sql`1`.as('one'))
        .whereRef('b.repository_id', '=', 'l.repository_id')
        .whereRef('b.name', '=', 'l.item_key')
        .where('b.deleted', '=', 0)
        .$if(pattern !== null, (query) => query.where(lowerLike('b.name', pattern!))),
    );
  }
  const number = /^#?\d{1,9}$/.test(text) ? Number(text.replace('#', '')) : null;
  return eb.exists(
    eb
      .selectFrom('dev_pull_request as p')
      .select(sql`1`.as('one'))
      .whereRef('p.repository_id', '=', 'l.repository_id')
      .where('p.number', '=', linkedNumber(database))
      .$if(filter.state !== undefined, (query) => query.where('p.state', '=', filter.state!))
      .$if(pattern !== null, (query) =>
        query.where((inner) =>
          inner.or([
            lowerLike('p.title', pattern!),
            lowerLike('p.source_branch', pattern!),
            lowerLike('p.author_name', pattern!),
            ...(number !== null ? [inner('p.number', '=', number)] : []),
          ]),
        ),
      ),
  );
}

const inLinkedRepository = (eb: ExpressionBuilder<WithLink, 'l'>) =>
  eb.exists(
    eb
      .selectFrom('repository as r')
      .select(sql`1`.as('one'))
      .whereRef('r.id', '=', 'l.repository_id')
      .where('r.linked', '=', 1),
  );

/**
 * One kind's links for an issue, in linked repositories, newest first, from `after` on, narrowed by
 * `filter`; `limit` rows, read in the order of `issue_link_by_time` (every other condition is a correlated
 * look-up on a primary key, so the read stops at the limit). A commit in several repositories (a fork, a
 * mirror: the same sha, so the same time) is one row here: the one in the linked repository with the
 * lowest id, unless the list is narrowed to a repository.
 */
function linkPage(database: Database, issueKey: string, kind: DevItemKind, after: ItemCursor | null, limit: number, filter: ItemFilter) {
  const base = database.db
    .selectFrom('issue_link as l')
    .select(['l.item_time', 'l.item_key', 'l.repository_id'])
    .where('l.issue_key', '=', issueKey)
    .where('l.item_kind', '=', kind)
    .$if(filter.repositoryId !== undefined, (query) => query.where('l.repository_id', '=', filter.repositoryId!))
    .where(inLinkedRepository)
    .where((eb) => itemMatches(database, eb, kind, filter));
  if (kind === 'commit') {
    return base
      .$if(filter.repositoryId === undefined, (query) =>
        query.where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('issue_link as other')
                .select(sql`1`.as('one'))
                .whereRef('other.issue_key', '=', 'l.issue_key')
                .where('other.item_kind', '=', 'commit')
                .whereRef('other.item_key', '=', 'l.item_key')
                .whereRef('other.repository_id', '<', 'l.repository_id')
                .where((inner) =>
                  inner.exists(
                    inner
                      .selectFrom('repository as r2')
                      .select(sql`1`.as('one'))
                      .whereRef('r2.id', '=', 'other.repository_id')
                      .where('r2.linked', '=', 1),
                  ),
                ),
            ),
          ),
        ),
      )
      .$if(after !== null, (query) =>
        query.where((eb) => eb.or([eb('l.item_time', '<', after!.time), eb.and([eb('l.item_time', '=', after!.time), eb('l.item_key', '<', after!.itemKey)])])),
      )
      .orderBy('l.item_time', 'desc')
      .orderBy('l.item_key', 'desc')
      .limit(limit);
  }
  return base
    .$if(after !== null, (query) =>
      query.where((eb) =>
        eb.or([
          eb('l.item_time', '<', after!.time),
          eb.and([
            eb('l.item_time', '=', after!.time),
            eb.or([eb('l.repository_id', '<', after!.repositoryId), eb.and([eb('l.repository_id', '=', after!.repositoryId), eb('l.item_key', '<', after!.itemKey)])]),
          ]),
        ]),
      ),
    )
    .orderBy('l.item_time', 'desc')
    .orderBy('l.repository_id', 'desc')
    .orderBy('l.item_key', 'desc')
    .limit(limit);
}

const repositoryLabel = (row: { repository_name: string; repository_url: string }) => ({ name: row.repository_name, url: safeHttpUrl(row.repository_url) });

async function commitItems(database: Database, issueKey: string, after: ItemCursor | null, limit: number, filter: ItemFilter) {
  const rows = await database.db
    .selectFrom(linkPage(database, issueKey, 'commit', after, limit, filter).as('k'))
    .innerJoin('issue_link as l', (join) =>
      join.on('l.issue_key', '=', issueKey).on('l.item_kind', '=', 'commit').onRef('l.item_key', '=', 'k.item_key').onRef('l.item_time', '=', 'k.item_time'),
    )
    .innerJoin('repository as r', (join) => join.onRef('r.id', '=', 'l.repository_id').on('r.linked', '=', 1))
    .innerJoin('dev_commit as c', (join) => join.onRef('c.repository_id', '=', 'l.repository_id').onRef('c.sha', '=', 'l.item_key'))
    .select(['k.item_time', 'k.item_key', 'r.full_name as repository_name', 'r.url as repository_url', 'c.message', 'c.author_name', 'c.url'])
    .orderBy('k.item_time', 'desc')
    .orderBy('k.item_key', 'desc')
    .orderBy('r.full_name')
    .execute();
  const items: Array<DevItemOfKind<'commit'>> = [];
  for (const row of rows) {
    const previous = items[items.length - 1];
    const repository = { ...repositoryLabel(row), commitUrl: safeHttpUrl(row.url) };
    if (previous && previous.sha === row.item_key && previous.time === Number(row.item_time)) {
      if (previous.repositories.length < MAX_REPOSITORIES_PER_COMMIT) previous.repositories.push(repository);
      continue;
    }
    items.push({
      kind: 'commit',
      repository: { name: repository.name, url: repository.url },
      repositories: [repository],
      sha: row.item_key,
      shortSha: row.item_key.slice(0, 7),
      summary: firstLine(row.message),
      authorName: row.author_name,
      time: Number(row.item_time),
      url: repository.commitUrl,
    });
  }
  return items.map((item) => ({ item, cursor: { time: item.time, repositoryId: '', itemKey: item.sha } }));
}

async function branchItems(database: Database, issueKey: string, after: ItemCursor | null, limit: number, filter: ItemFilter) {
  const rows = await database.db
    .selectFrom(linkPage(database, issueKey, 'branch', after, limit, filter).as('l'))
    .innerJoin('repository as r', 'r.id', 'l.repository_id')
    .innerJoin('account as a', 'a.id', 'r.account_id')
    .innerJoin('dev_branch as b', (join) => join.onRef('b.repository_id', '=', 'l.repository_id').onRef('b.name', '=', 'l.item_key'))
    .select(['l.item_time', 'l.item_key', 'l.repository_id', 'r.full_name as repository_name', 'r.url as repository_url', 'a.provider', 'b.url'])
    .orderBy('l.item_time', 'desc')
    .orderBy('l.repository_id', 'desc')
    .orderBy('l.item_key', 'desc')
    .execute();
  const open = await openPullRequests(
    database,
    rows.map((row) => ({ repositoryId: row.repository_id, branch: row.item_key })),
  );
  return rows.map((row) => {
    const repository = repositoryLabel(row);
    const pull = open.get(`${row.repository_id}\n${row.item_key}`);
    const item: DevItemOfKind<'branch'> = {
      kind: 'branch',
      repository,
      name: row.item_key,
      time: Number(row.item_time),
      url: safeHttpUrl(row.url),
      openPullRequest: pull ? { number: Number(pull.number), title: firstLine(pull.title), url: safeHttpUrl(pull.url) } : null,
      createPullRequestUrl: pull ? null : createPullRequestUrl(row.provider, repository.url, row.item_key),
    };
    return { item, cursor: { time: item.time, repositoryId: row.repository_id, itemKey: row.item_key } };
  });
}

/** The newest open pull request from each of these branches, in the branch's own repository: one query. */
async function openPullRequests(database: Database, branches: Array<{ repositoryId: string; branch: string }>) {
  const byRepository = new Map<string, string[]>();
  for (const { repositoryId, branch } of branches) byRepository.set(repositoryId, [...(byRepository.get(repositoryId) ?? []), branch]);
  const found = new Map<string, { number: number; title: string; url: string }>();
  if (byRepository.size === 0) return found;
  const rows = await database.db
    .selectFrom('dev_pull_request')
    .select(['repository_id', 'source_branch', 'number', 'title', 'url'])
    .where('state', '=', 'OPEN')
    .where((eb) => eb.or([...byRepository].map(([repositoryId, names]) => eb.and([eb('repository_id', '=', repositoryId), eb('source_branch', 'in', names)]))))
    .orderBy('number', 'asc')
    .execute();
  for (const row of rows) found.set(`${row.repository_id}\n${row.source_branch}`, row);
  return found;
}

async function pullRequestItems(database: Database, issueKey: string, after: ItemCursor | null, limit: number, filter: ItemFilter) {
  const rows = await database.db
    .selectFrom(linkPage(database, issueKey, 'pull_request', after, limit, filter).as('l'))
    .innerJoin('repository as r', 'r.id', 'l.repository_id')
    .innerJoin('dev_pull_request as p', (join) => join.onRef('p.repository_id', '=', 'l.repository_id').on('p.number', '=', linkedNumber(database)))
    .select([
      'l.item_time',
      'l.item_key',
      'l.repository_id',
      'r.full_name as repository_name',
      'r.url as repository_url',
      'p.number',
      'p.title',
      'p.state',
      'p.source_branch',
      'p.destination_branch',
      'p.author_name',
      'p.url',
    ])
    .orderBy('l.item_time', 'desc')
    .orderBy('l.repository_id', 'desc')
    .orderBy('l.item_key', 'desc')
    .execute();
  const reviewers = await reviewersOf(
    database,
    rows.map((row) => ({ repositoryId: row.repository_id, number: Number(row.number) })),
  );
  return rows.map((row) => {
    const item: DevItemOfKind<'pull_request'> = {
      kind: 'pull_request',
      repository: repositoryLabel(row),
      number: Number(row.number),
      title: row.title,
      state: row.state,
      sourceBranch: row.source_branch,
      destinationBranch: row.destination_branch,
      authorName: row.author_name,
      time: Number(row.item_time),
      url: safeHttpUrl(row.url),
      reviewers: reviewers.get(`${row.repository_id}\n${Number(row.number)}`) ?? [],
    };
    return { item, cursor: { time: item.time, repositoryId: row.repository_id, itemKey: row.item_key } };
  });
}

const STANDING_ORDER: Record<ReviewerStanding, number> = { CHANGES_REQUESTED: 0, APPROVED: 1, COMMENTED: 2, PENDING: 3 };

/**
 * How each stored reviewer is shown: a decision as it is; someone asked, or whose review was dismissed, as
 * still to review; a comment as a comment; someone neither asked nor reviewing (an approval taken back by a
 * person who was never asked) not at all.
 */
function standing(row: { state: string; requested: number | string }): ReviewerStanding | null {
  if (row.state === 'APPROVED' || row.state === 'CHANGES_REQUESTED') return row.state;
  if (Number(row.requested) === 1 || row.state === 'DISMISSED') return 'PENDING';
  return row.state === 'COMMENTED' ? 'COMMENTED' : null;
}

/** The reviewers of these pull requests, on the reviewers' primary key: one query. */
async function reviewersOf(database: Database, pulls: Array<{ repositoryId: string; number: number }>) {
  const result = new Map<string, Array<{ name: string; state: ReviewerStanding }>>();
  if (pulls.length === 0) return result;
  const rows = await database.db
    .selectFrom('dev_pull_request_reviewer')
    .select(['repository_id', 'pull_request_number', 'name', 'state', 'requested'])
    .where((eb) => eb.or(pulls.map((pull) => eb.and([eb('repository_id', '=', pull.repositoryId), eb('pull_request_number', '=', pull.number)]))))
    .execute();
  for (const row of rows) {
    const state = standing(row);
    if (!state) continue;
    const key = `${row.repository_id}\n${Number(row.pull_request_number)}`;
    result.set(key, [...(result.get(key) ?? []), { name: row.name, state }]);
  }
  for (const list of result.values()) list.sort((a, b) => STANDING_ORDER[a.state] - STANDING_ORDER[b.state] || a.name.localeCompare(b.name));
  return result;
}

const READERS = { commit: commitItems, branch: branchItems, pull_request: pullRequestItems } as const;

/** A page of one kind, fetched with one row more than shown, which tells whether more exist. */
export async function readKindPage(
  database: Database,
  issueKey: string,
  kind: DevItemKind,
  after: ItemCursor | null,
  pageSize: number,
  filter: ItemFilter = {},
): Promise<ItemPage> {
  const found: Array<{ item: DevItem; cursor: ItemCursor }> = await READERS[kind](database, issueKey, after, pageSize + 1, filter);
  const shown = found.slice(0, pageSize);
  const last = shown[shown.length - 1];
  return { items: shown.map(({ item }) => item), nextCursor: found.length > pageSize && last ? encodeCursor(last.cursor) : null };
}
