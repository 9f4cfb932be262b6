import type { CompiledQuery, DatabaseConnection, DatabaseIntrospector, Dialect, DialectAdapter, Driver, Kysely, QueryCompiler, QueryResult } from 'kysely';
import { AppError } from '../errors/app-error';
import { checkResult, checkStatement, requestBytes } from './forge-sql-limits';

/** One statement as it ran, for tests that measure what each operation costs. */
interface StatementRecord {
  sql: string;
  parameters: readonly unknown[];
  rows: number;
  /** Rows an INSERT, UPDATE or DELETE changed. */
  affectedRows: number;
  requestBytes: number;
  responseBytes: number;
  ms: number;
}

export type StatementObserver = (record: StatementRecord) => void;
/** Runs before a statement, for tests that look at its query plan while the data it reads is there. */
export type StatementInspector = (sql: string, parameters: readonly unknown[]) => Promise<void>;

interface Hooks {
  observer?: StatementObserver;
  inspector?: StatementInspector;
}

class LimitedConnection implements DatabaseConnection {
  constructor(
    readonly inner: DatabaseConnection,
    private readonly hooks: Hooks,
  ) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    checkStatement(compiled.sql, compiled.parameters, 'execute');
    await this.hooks.inspector?.(compiled.sql, compiled.parameters);
    const started = performance.now();
    const result = await this.inner.executeQuery<R>(compiled);
    const ms = performance.now() - started;
    const responseBytes = checkResult(result.rows);
    this.hooks.observer?.({
      sql: compiled.sql,
      parameters: compiled.parameters,
      rows: result.rows.length,
      affectedRows: Number(result.numAffectedRows ?? 0n),
      requestBytes: requestBytes(compiled.sql, compiled.parameters),
      responseBytes,
      ms,
    });
    return result;
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new AppError('storage_error', 'Streaming queries are not available on Forge SQL.');
  }
}

class LimitedDriver implements Driver {
  constructor(
    private readonly inner: Driver,
    private readonly hooks: Hooks,
  ) {}
  init(): Promise<void> {
    return this.inner.init();
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    return new LimitedConnection(await this.inner.acquireConnection(), this.hooks);
  }
  // Forge SQL sends each statement as its own request: a local store that allowed transactions would let
  // code pass here that cannot run there.
  async beginTransaction(): Promise<void> {
    throw new AppError('transactions_unsupported', 'Forge SQL does not support multi-statement transactions.');
  }
  async commitTransaction(): Promise<void> {
    throw new AppError('transactions_unsupported', 'Forge SQL does not support multi-statement transactions.');
  }
  async rollbackTransaction(): Promise<void> {}
  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection((connection as LimitedConnection).inner);
  }
  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

/**
 * Any Kysely dialect (SQLite for the sandbox, MariaDB for tests) held to Forge SQL's limits: one
 * statement a request, no DDL outside migrations, 1 MiB requests, 4 MiB results, no transactions.
 */
export class ForgeSqlLimitedDialect implements Dialect, Hooks {
  observer: StatementObserver | undefined;
  inspector: StatementInspector | undefined;

  constructor(private readonly inner: Dialect) {}
  createAdapter(): DialectAdapter {
    return this.inner.createAdapter();
  }
  createDriver(): Driver {
    return new LimitedDriver(this.inner.createDriver(), this);
  }
  createQueryCompiler(): QueryCompiler {
    return this.inner.createQueryCompiler();
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's Dialect interface declares this parameter so
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return this.inner.createIntrospector(db);
  }
}
