import type { Database } from '../storage/database';
import type { IssueLinkTable } from '../storage/schema';

/** Links read per statement: well inside Forge SQL's 4 MiB answers and 5-second reads. */
const LINK_PAGE = 1_000;

export type LinkKey = Pick<IssueLinkTable, 'item_kind' | 'item_key' | 'issue_key'>;

/**
 * One page of a repository's links after `after`, in the order of the `issue_link_by_item` index
 * (repository, kind, item, issue), so each page is a range read however many links the repository has.
 */
export function linkPage(database: Database, repositoryId: string, after: LinkKey | null, limit = LINK_PAGE): Promise<LinkKey[]> {
  let query = database.db.selectFrom('issue_link').select(['item_kind', 'item_key', 'issue_key']).where('repository_id', '=', repositoryId);
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('item_kind', '>', after.item_kind),
        eb.and([
          eb('item_kind', '=', after.item_kind),
          eb.or([eb('item_key', '>', after.item_key), eb.and([eb('item_key', '=', after.item_key), eb('issue_key', '>', after.issue_key)])]),
        ]),
      ]),
    );
  }
  return query.orderBy('item_kind').orderBy('item_key').orderBy('issue_key').limit(limit).execute();
}

/** Every link of a repository, a page at a time. */
export async function* repositoryLinkPages(database: Database, repositoryId: string): AsyncGenerator<LinkKey[]> {
  for (let after: LinkKey | null = null; ;) {
    const page = await linkPage(database, repositoryId, after);
    if (page.length > 0) yield page;
    if (page.length < LINK_PAGE) return;
    after = page[page.length - 1]!;
  }
}

/** The issues a repository links to, a page of links at a time (an issue may appear in several pages). */
export async function* repositoryIssueKeys(database: Database, repositoryId: string): AsyncGenerator<string[]> {
  for await (const page of repositoryLinkPages(database, repositoryId)) yield [...new Set(page.map((link) => link.issue_key))];
}

/** The issues each of some items of one kind links to in a repository: one read of the (repository, kind, item) index. */
export async function linkedIssueKeys(database: Database, repositoryId: string, kind: IssueLinkTable['item_kind'], itemKeys: string[]): Promise<Map<string, string[]>> {
  const links = new Map<string, string[]>();
  if (itemKeys.length === 0) return links;
  const rows = await database.db
    .selectFrom('issue_link')
    .select(['item_key', 'issue_key'])
    .where('repository_id', '=', repositoryId)
    .where('item_kind', '=', kind)
    .where('item_key', 'in', itemKeys)
    .execute();
  for (const row of rows) links.set(row.item_key, [...(links.get(row.item_key) ?? []), row.issue_key]);
  return links;
}
