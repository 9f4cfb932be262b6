import {
  CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type Driver,
  type Kysely,
  MysqlAdapter,
  MysqlIntrospector,
  MysqlQueryCompiler,
  type QueryCompiler,
  type QueryResult,
} from 'kysely';
import { AppError } from '../errors/app-error';

/** The part of `@forge/sql`'s client this dialect uses; a fake with the same shape drives the tests. */
export interface ForgeSqlClient {
  prepare<Row>(query: string): {
    bindParams(...params: unknown[]): unknown;
    execute(): Promise<{ rows: Row[] | ForgeUpdateResult }>;
  };
}

interface ForgeUpdateResult {
  affectedRows: number;
  insertId: number;
}

function isUpdateResult(rows: unknown): rows is ForgeUpdateResult {
  return typeof rows === 'object' && rows !== null && !Array.isArray(rows) && 'affectedRows' in rows;
}

class ForgeSqlConnection implements DatabaseConnection {
  constructor(private readonly client: ForgeSqlClient) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const statement = this.client.prepare<R>(compiled.sql);
    if (compiled.parameters.length > 0) statement.bindParams(...compiled.parameters);
    const result = await statement.execute();
    if (isUpdateResult(result.rows)) {
      return {
        rows: [],
        numAffectedRows: BigInt(result.rows.affectedRows),
        insertId: result.rows.insertId ? BigInt(result.rows.insertId) : undefined,
      };
    }
    return { rows: result.rows };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new AppError('storage_error', 'Streaming queries are not available on Forge SQL.');
  }
}

class ForgeSqlDriver implements Driver {
  constructor(private readonly client: ForgeSqlClient) {}
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return new ForgeSqlConnection(this.client);
  }
  // Forge SQL sends each statement as its own request; there is no session to hold a transaction open.
  async beginTransaction(): Promise<void> {
    throw new AppError('transactions_unsupported', 'Forge SQL does not support multi-statement transactions.');
  }
  async commitTransaction(): Promise<void> {
    throw new AppError('transactions_unsupported', 'Forge SQL does not support multi-statement transactions.');
  }
  // Reached only after beginTransaction has refused, so there is nothing to roll back.
  async rollbackTransaction(): Promise<void> {}
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {}
}

/** Kysely over Forge SQL: MySQL's compiler, and a driver that sends `sql.prepare(...).bindParams(...).execute()`. */
export class ForgeSqlDialect implements Dialect {
  constructor(private readonly client: ForgeSqlClient) {}
  createAdapter() {
    return new MysqlAdapter();
  }
  createDriver(): Driver {
    return new ForgeSqlDriver(this.client);
  }
  createQueryCompiler(): QueryCompiler {
    return new MysqlQueryCompiler();
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's Dialect interface declares this parameter so
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new MysqlIntrospector(db);
  }
}
