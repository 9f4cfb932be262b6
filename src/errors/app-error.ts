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
  | 'forge_sql_limit'
  | 'schema_migrating'
  | 'queue_limit'
  | 'chain_exhausted'
  | 'unknown_resolver'
  | 'secret_store_error'
  | 'provider_invalid_credentials'
  | 'provider_forbidden'
  | 'provider_not_found'
  | 'provider_rate_limited'
  | 'provider_unreachable'
  | 'provider_error'
  | 'egress_not_allowed'
  | 'oauth_failed'
  | 'method_not_allowed'
  | 'payload_too_large'
  | 'signature_invalid';

export class AppError extends Error {
  readonly code: AppErrorCode;
  /** Extra detail for logs; must be free of secrets too. */
  readonly detail?: Record<string, unknown>;
  /** What the other system said, word for word, for a "details" disclosure. Never holds a secret. */
  readonly externalMessage?: string;

  constructor(code: AppErrorCode, userMessage: string, options?: { cause?: unknown; detail?: Record<string, unknown>; externalMessage?: string }) {
    super(userMessage, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.detail = options?.detail;
    this.externalMessage = options?.externalMessage;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
