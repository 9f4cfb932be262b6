import { AppError } from '../errors/app-error';

/**
 * What Forge SQL refuses, so the local and test stores refuse it too (Atlassian, "Forge SQL limits" and
 * the SQL API: one statement per request, DDL only through the migration endpoint). A query that passes
 * on SQLite or MariaDB but would fail on Forge SQL is a bug found late; these checks find it early.
 */
export const FORGE_SQL_LIMITS = {
  /** Request size: the statement and its bound parameters, as the SQL API receives them. */
  requestBytes: 1024 * 1024,
  /** Response size: the rows a statement returns. */
  responseBytes: 4 * 1024 * 1024,
  /** Query timeouts. Measured and reported by the large-site test on MariaDB, not enforced per query here. */
  selectMs: 5_000,
  dmlMs: 10_000,
} as const;

class ForgeSqlLimitError extends AppError {
  constructor(reason: string) {
    super('forge_sql_limit', `Forge SQL would refuse this statement: ${reason}`);
  }
}

const DDL = /^(create|alter|drop|truncate|rename)\b/i;

/** The statement's text without quoted strings, identifiers and comments, so `;` and keywords are found reliably. */
function codeOnly(statement: string): string {
  let code = '';
  for (let index = 0; index < statement.length; index += 1) {
    const char = statement[index]!;
    if (char === "'" || char === '"' || char === '`') {
      // Skip to the closing quote; a doubled quote or a backslash escape stays inside.
      for (index += 1; index < statement.length; index += 1) {
        if (statement[index] === '\\') index += 1;
        else if (statement[index] === char) {
          if (statement[index + 1] === char) index += 1;
          else break;
        }
      }
      code += ' ';
    } else if (char === '-' && statement[index + 1] === '-') {
      const end = statement.indexOf('\n', index);
      index = end === -1 ? statement.length : end;
      code += ' ';
    } else if (char === '/' && statement[index + 1] === '*') {
      const end = statement.indexOf('*/', index + 2);
      index = end === -1 ? statement.length : end + 1;
      code += ' ';
    } else code += char;
  }
  return code;
}

/** The JSON body the SQL API receives for one statement. */
export function requestBytes(statement: string, parameters: readonly unknown[]): number {
  return Buffer.byteLength(
    JSON.stringify({ query: statement, params: parameters, method: 'all' }, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)),
  );
}

/** Refuses what Forge SQL's `execute` endpoint refuses before running a statement. */
export function checkStatement(statement: string, parameters: readonly unknown[], channel: 'execute' | 'ddl'): void {
  const code = codeOnly(statement).trim().replace(/;\s*$/, '');
  if (code.includes(';')) throw new ForgeSqlLimitError('more than one statement in one request.');
  if (channel === 'execute' && DDL.test(code)) throw new ForgeSqlLimitError(`DDL outside a migration (${statement.slice(0, 60)}…).`);
  const size = requestBytes(statement, parameters);
  if (size > FORGE_SQL_LIMITS.requestBytes) throw new ForgeSqlLimitError(`the request is ${size} bytes, over the 1 MiB limit.`);
}

/** Refuses a result Forge SQL would not return. */
export function checkResult(rows: readonly unknown[]): number {
  const size = Buffer.byteLength(JSON.stringify(rows, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)));
  if (size > FORGE_SQL_LIMITS.responseBytes) throw new ForgeSqlLimitError(`the result is ${size} bytes, over the 4 MiB limit.`);
  return size;
}
