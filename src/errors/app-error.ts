/**
 * Every error the app raises on purpose carries a machine code (for tests, logs and the UI to branch on)
 * and a message written for the person who will read it. Messages must never contain a secret.
 */
export type AppErrorCode =
  | 'forbidden'
  | 'not_found'
  | 'invalid_input'
  | 'jira_error'
  | 'storage_error'
  | 'transactions_unsupported'
  | 'unknown_resolver'
  | 'secret_store_error';

export class AppError extends Error {
  readonly code: AppErrorCode;
  /** Extra detail for logs; must be free of secrets too. */
  readonly detail?: Record<string, unknown>;

  constructor(code: AppErrorCode, userMessage: string, options?: { cause?: unknown; detail?: Record<string, unknown> }) {
    super(userMessage, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.detail = options?.detail;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
