import { createConnection, createPool, type FieldPacket, type Pool, type ResultSetHeader } from 'mysql2/promise';
import { requestText } from './request-body';

/**
 * Forge SQL's two endpoints, answered by a real MySQL-compatible server (MariaDB or MySQL through mysql2).
 *
 * What `@forge/sql` sends (node_modules/@forge/sql/out/sql.js): `POST /api/v1/execute` or
 * `/api/v1/execute/ddl` with the JSON body `{ query, params, method }`, through `__fetchProduct({ type: 'sql',
 * provider: 'app', remote: 'sql' })`. What it expects back: a JSON body it parses as `Result` (`{ rows,
 * metadata }`, out/utils/types.d.ts): `rows` is an array of row objects for a read, and an
 * `UpdateQueryResponse` (`affectedRows, fieldCount, info, insertId, serverStatus, warningStatus`) for a write.
 * A non-2xx answer goes through `checkResponseError` (out/utils/error-handling.js): a body with `code` and
 * `message` becomes a `ForgeSQLAPIError` whose other fields (here `debug`, which Atlassian's "Error handling
 * for Forge SQL" page names as where SQL_EXECUTION_ERROR details are) land in `error.context`.
 *
 * Statements run with server-side parameters (mysql2 `execute`, the binary protocol), as Forge's REST
 * reference says its params are bound. Values come back JSON-encoded, as Forge documents ("Dates will be
 * returned as strings"): the pool reads DATETIME/TIMESTAMP as strings and large integers as strings beyond
 * 2^53, so nothing is lost by the JSON round trip.
 */
export interface SqlStatementRecord {
  seq: number;
  endpoint: 'execute' | 'ddl';
  query: string;
  params: unknown[];
  /** The function whose invocation sent it, and which invocation. */
  functionKey: string | undefined;
  invocationId: string | undefined;
  outcome: 'rows' | 'write' | 'error' | 'refused';
  error?: string;
  /** The server's error number for an error (1146: no such table), or 1142 for a refused schema change. */
  errno?: number;
  durationMs: number;
}

/**
 * Schema changes, which Forge SQL's DML endpoint refuses ("DML queries are limited to SELECT, INSERT, UPDATE
 * and DELETE statements"; DDL "refers to statements like CREATE, ALTER and DROP"). Anything else goes to the
 * server, which answers a statement it cannot parse with its own syntax error. Forge's query policy (SET,
 * SHOW, PREPARE, hints, restricted functions → SQL_POLICY_VIOLATION) is not modelled.
 */
const DDL_KEYWORDS = new Set(['CREATE', 'ALTER', 'DROP', 'RENAME', 'TRUNCATE']);

/** The first keyword of a statement, past comments, whitespace and opening parentheses. */
export function leadingKeyword(query: string): string {
  const stripped = query.replace(/^(?:\s+|\(|--[^\n]*\n|#[^\n]*\n|\/\*[\s\S]*?\*\/)+/, '');
  return (/^[A-Za-z]+/.exec(stripped)?.[0] ?? '').toUpperCase();
}

export interface ForgeSqlService {
  handle(path: string, init: RequestInit | undefined, caller: { functionKey?: string; invocationId?: string }): Promise<Response>;
  readonly statements: SqlStatementRecord[];
  /** Direct access for assertions (not through Forge): the server's own view of the data. */
  inspect<T = Record<string, unknown>>(query: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function fieldJson(field: FieldPacket) {
  return {
    catalog: field.catalog,
    name: field.name,
    schema: field.schema,
    characterSet: field.characterSet,
    decimals: field.decimals,
    table: field.table,
    orgTable: field.orgTable,
    orgName: field.orgName,
    flags: field.flags,
    columnType: field.columnType,
    columnLength: field.columnLength,
  };
}

/** A fresh, empty database named by `url` (mysql://user:password@host:port/name): dropped and created again. */
export async function openForgeSqlService(url: string): Promise<ForgeSqlService> {
  const parsed = new URL(url);
  const database = parsed.pathname.replace(/^\//, '') || 'dvcs_forge_e2e';
  const credentials = { host: parsed.hostname, port: Number(parsed.port || 3306), user: decodeURIComponent(parsed.username), password: decodeURIComponent(parsed.password) };
  const admin = await createConnection(credentials);
  await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
  await admin.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  await admin.end();
  // Forge SQL serves requests side by side; a small pool lets the app's parallel queries run so too.
  const pool: Pool = createPool({ ...credentials, database, charset: 'utf8mb4_bin', connectionLimit: 4, dateStrings: true, supportBigNumbers: true, multipleStatements: false });
  const statements: SqlStatementRecord[] = [];

  async function handle(path: string, init: RequestInit | undefined, caller: { functionKey?: string; invocationId?: string }): Promise<Response> {
    const endpoint = path === '/api/v1/execute' ? 'execute' : path === '/api/v1/execute/ddl' ? 'ddl' : undefined;
    if (!endpoint || (init?.method ?? 'GET').toUpperCase() !== 'POST') {
      return json(404, { code: 'NOT_FOUND', message: `No Forge SQL endpoint ${init?.method ?? 'GET'} ${path}` });
    }
    const body = JSON.parse(requestText(init, '{}')) as { query?: unknown; params?: unknown; method?: unknown };
    const query = typeof body.query === 'string' ? body.query : '';
    const params = Array.isArray(body.params) ? body.params : [];
    const record: SqlStatementRecord = {
      seq: statements.length + 1,
      endpoint,
      query,
      params,
      functionKey: caller.functionKey,
      invocationId: caller.invocationId,
      outcome: 'rows',
      durationMs: 0,
    };
    statements.push(record);
    const started = performance.now();

    if (endpoint === 'execute' && DDL_KEYWORDS.has(leadingKeyword(query))) {
      // Forge's DML endpoint runs with "restrictive permissions" (its REST reference): a schema change there
      // is refused by the database as a privilege error, surfaced as SQL_EXECUTION_ERROR. The exact wording
      // Forge returns is not published; this mirrors the server's own refusal (MySQL error 1142).
      const sqlMessage = `${leadingKeyword(query)} command denied to user 'forge_app_dml'@'%': the DML endpoint accepts SELECT, INSERT, UPDATE and DELETE only; use the DDL endpoint (sql.executeDDL / migrationRunner)`;
      record.outcome = 'refused';
      record.error = sqlMessage;
      record.errno = 1142;
      record.durationMs = performance.now() - started;
      return json(400, { code: 'SQL_EXECUTION_ERROR', message: sqlMessage, debug: { code: 'ER_TABLEACCESS_DENIED_ERROR', errno: 1142, sqlState: '42000', sqlMessage } });
    }

    try {
      // Text protocol for a parameterless DDL statement (not every DDL statement can be prepared); server-side
      // parameters for everything else.
      const [result, fields] = endpoint === 'ddl' && params.length === 0 ? await pool.query(query) : await pool.execute(query, params as never[]);
      record.durationMs = performance.now() - started;
      if (Array.isArray(result)) {
        const rows = result as unknown[];
        const text = JSON.stringify(rows);
        return json(200, {
          rows,
          metadata: { dbExecutionTime: Math.round(record.durationMs), responseSize: Buffer.byteLength(text), fields: (fields ?? []).map(fieldJson) },
        });
      }
      const header = result as ResultSetHeader;
      record.outcome = 'write';
      return json(200, {
        rows: {
          affectedRows: header.affectedRows,
          fieldCount: header.fieldCount,
          info: header.info,
          insertId: header.insertId,
          serverStatus: header.serverStatus,
          warningStatus: header.warningStatus,
        },
        metadata: { dbExecutionTime: Math.round(record.durationMs), responseSize: 0, fields: [] },
      });
    } catch (error) {
      const failure = error as { message?: string; code?: string; errno?: number; sqlState?: string; sqlMessage?: string };
      record.outcome = 'error';
      record.error = failure.sqlMessage ?? failure.message;
      record.errno = failure.errno;
      record.durationMs = performance.now() - started;
      if (failure.errno === undefined) throw error;
      return json(400, {
        code: 'SQL_EXECUTION_ERROR',
        message: failure.sqlMessage ?? failure.message ?? 'SQL execution failed',
        debug: { code: failure.code, errno: failure.errno, sqlState: failure.sqlState, sqlMessage: failure.sqlMessage, message: failure.message },
      });
    }
  }

  return {
    handle,
    statements,
    async inspect<T>(query: string, params: unknown[] = []) {
      const [rows] = await pool.query(query, params);
      return rows as T[];
    },
    close: () => pool.end(),
  };
}
