import type { AppErrorCode } from './app-error';

/**
 * The one place an error's code becomes an HTTP status, for the edges that answer over HTTP (web triggers,
 * the OAuth callback page, the sandbox's resolver bridge). The core only ever throws codes.
 */
export const HTTP_STATUS: Record<AppErrorCode, number> = {
  invalid_input: 400,
  oauth_failed: 400,
  egress_not_allowed: 400,
  signature_invalid: 401,
  forbidden: 403,
  not_found: 404,
  unknown_resolver: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  storage_error: 500,
  transactions_unsupported: 500,
  forge_sql_limit: 500,
  queue_limit: 500,
  chain_exhausted: 500,
  secret_store_error: 500,
  jira_error: 502,
  provider_invalid_credentials: 502,
  provider_forbidden: 502,
  provider_not_found: 502,
  provider_error: 502,
  schema_migrating: 503,
  provider_rate_limited: 503,
  provider_unreachable: 504,
};
