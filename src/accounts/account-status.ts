import type { Ports } from '../ports/ports';
import type { AccountTable } from '../storage/schema';

/**
 * What the Git host last said about the account's credential, stored on the account (`account.status`) by
 * whoever last used it: authorising stores `connected`; the host connection stores a refusal, a rate limit or
 * an unreachable host, and `connected` again at the next call that works.
 */
export type CredentialVerdict = 'needs-authorisation' | 'connected' | 'invalid-credentials' | 'rate-limited' | 'unreachable';

/** The account's status as the admin sees it: never stored, always derived by `deriveAccountHealth`. */
export type AccountStatus = 'needs-authorisation' | 'webhooks-only' | 'invalid-credentials' | 'unreachable' | 'rate-limited' | 'sync-failing' | 'syncing' | 'connected';

/** The last results of an account's linked repositories, counted. */
export interface RepositoryResults {
  linked: number;
  /** History queued or being read. */
  inProgress: number;
  /** Waiting for the host's rate limit to reset. */
  rateLimited: number;
  /** Whose last sync (backfill, Sync now, the hourly check, a push's fetch) ended in an error. */
  failed: number;
  /** The most recent of those errors, in the admin's words, with its repository. */
  latestError: { fullName: string; message: string } | null;
}

/**
 * An account's status, from its credential and its repositories' last results, so that the account never
 * says "Connected" while its repositories fail, and never asks for an authorisation it does not need to show
 * what webhooks deliver. The first that applies wins: no credential, the host's verdict on the credential,
 * then what the repositories' last syncs say. (The page words each status, with these counts, for the reader.)
 */
export function deriveAccountStatus(input: { hasCredential: boolean; verdict: string; repositories: RepositoryResults }): AccountStatus {
  const { hasCredential, verdict, repositories } = input;
  if (!hasCredential) return repositories.linked > 0 ? 'webhooks-only' : 'needs-authorisation';
  if (verdict === 'invalid-credentials' || verdict === 'unreachable') return verdict;
  if (verdict === 'rate-limited' || repositories.rateLimited > 0) return 'rate-limited';
  if (repositories.failed > 0) return 'sync-failing';
  if (repositories.inProgress > 0) return 'syncing';
  return 'connected';
}

/** Records the host's verdict on the credential (see `CredentialVerdict`). */
export async function setCredentialVerdict(ports: Ports, accountId: string, verdict: CredentialVerdict, authMethod?: AccountTable['auth_method']) {
  await ports.database.db
    .updateTable('account')
    .set({ status: verdict, updated_at: ports.clock.now(), ...(authMethod ? { auth_method: authMethod } : {}) })
    .where('id', '=', accountId)
    .execute();
}
