import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import type { Database } from '../../src/storage/database';

/**
 * The same store, counting every statement sent through it: each is one round trip to Forge SQL, which
 * is what the performance budgets are written in.
 */
export function countingDatabase(database: Database): { database: Database; count(): number; reset(): void } {
  let statements = 0;
  const plugin: KyselyPlugin = {
    transformQuery: (args: PluginTransformQueryArgs): RootOperationNode => args.node,
    transformResult: async (args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> => {
      statements += 1;
      return args.result;
    },
  };
  return {
    database: { db: database.db.withPlugin(plugin), dialect: database.dialect },
    count: () => statements,
    reset: () => {
      statements = 0;
    },
  };
}
