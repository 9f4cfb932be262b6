import { Kysely } from 'kysely';
import { isAppError } from '../errors/app-error';
import type { Schema } from '../storage/schema';
import { ForgeSqlDialect, type ForgeSqlClient } from './forge-sql-dialect';

/** Records what would go to Forge SQL and answers with the shapes `@forge/sql` returns. */
function fakeForgeSql(answer: (sql: string) => unknown) {
  const sent: Array<{ sql: string; params: unknown[] }> = [];
  const client: ForgeSqlClient = {
    prepare: (query) => {
      const call = { sql: query, params: [] as unknown[] };
      return {
        bindParams: (...params: unknown[]) => {
          call.params = params;
          return undefined;
        },
        execute: async () => {
          sent.push(call);
          return { rows: answer(query) as never };
        },
      };
    },
  };
  return { client, sent };
}

describe('ForgeSqlDialect', () => {
  it('sends MySQL text with bound parameters and returns the rows', async () => {
    const { client, sent } = fakeForgeSql(() => [{ issue_key: 'DEMO-1', item_kind: 'commit' }]);
    const db = new Kysely<Schema>({ dialect: new ForgeSqlDialect(client) });
    const rows = await db.selectFrom('issue_link').select(['issue_key', 'item_kind']).where('issue_key', '=', 'DEMO-1').execute();
    expect(rows).toEqual([{ issue_key: 'DEMO-1', item_kind: 'commit' }]);
    expect(sent).toEqual([{ sql: 'select `issue_key`, `item_kind` from `issue_link` where `issue_key` = ?', params: ['DEMO-1'] }]);
  });

  it('maps an update answer to affected rows and insert id', async () => {
    const { client } = fakeForgeSql(() => ({ affectedRows: 2, insertId: 0, fieldCount: 0, info: '', serverStatus: 2, warningStatus: 0 }));
    const db = new Kysely<Schema>({ dialect: new ForgeSqlDialect(client) });
    const result = await db.updateTable('dev_branch').set({ deleted: 1 }).where('repository_id', '=', 'r1').executeTakeFirst();
    expect(result.numUpdatedRows).toBe(2n);
  });

  it('refuses transactions with a typed error instead of pretending to be atomic', async () => {
    const { client } = fakeForgeSql(() => []);
    const db = new Kysely<Schema>({ dialect: new ForgeSqlDialect(client) });
    const attempt = db.transaction().execute(async () => undefined);
    const error = await attempt.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(isAppError(error) && error.code).toBe('transactions_unsupported');
  });
});
