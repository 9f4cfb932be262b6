import { deriveAccountStatus, type RepositoryResults } from './account-status';

const repositories = (results: Partial<RepositoryResults> = {}): RepositoryResults => ({ linked: 2, inProgress: 0, rateLimited: 0, failed: 0, latestError: null, ...results });

describe("an account's status, from its credential and its repositories' last results", () => {
  it('needs authorisation only while it has neither a credential nor a linked repository', () => {
    expect(deriveAccountStatus({ hasCredential: false, verdict: 'needs-authorisation', repositories: repositories({ linked: 0 }) })).toBe('needs-authorisation');
  });

  it('says webhooks only, not "Needs authorisation", when webhooks keep its repositories up to date without a credential', () => {
    expect(deriveAccountStatus({ hasCredential: false, verdict: 'needs-authorisation', repositories: repositories() })).toBe('webhooks-only');
    // Nor does a failed attempt to use the missing credential make it "Invalid credentials".
    expect(deriveAccountStatus({ hasCredential: false, verdict: 'invalid-credentials', repositories: repositories({ failed: 2 }) })).toBe('webhooks-only');
  });

  it("puts the host's verdict on the credential before the repositories' results", () => {
    const failing = repositories({ failed: 1, inProgress: 1 });
    expect(deriveAccountStatus({ hasCredential: true, verdict: 'invalid-credentials', repositories: failing })).toBe('invalid-credentials');
    expect(deriveAccountStatus({ hasCredential: true, verdict: 'unreachable', repositories: failing })).toBe('unreachable');
    expect(deriveAccountStatus({ hasCredential: true, verdict: 'rate-limited', repositories: failing })).toBe('rate-limited');
  });

  it('never says "Connected" while a linked repository failed its last sync, even if the credential works', () => {
    expect(deriveAccountStatus({ hasCredential: true, verdict: 'connected', repositories: repositories({ failed: 1, latestError: { fullName: 'o/r', message: 'x' } }) })).toBe(
      'sync-failing',
    );
  });

  it('is rate limited while a repository waits for the limit, syncing while one reads its history, and connected otherwise', () => {
    expect(deriveAccountStatus({ hasCredential: true, verdict: 'connected', repositories: repositories({ rateLimited: 1, inProgress: 1 }) })).toBe('rate-limited');
    expect(deriveAccountStatus({ hasCredential: true, verdict: 'connected', repositories: repositories({ inProgress: 1 }) })).toBe('syncing');
    expect(deriveAccountStatus({ hasCredential: true, verdict: 'connected', repositories: repositories() })).toBe('connected');
    // A credential saved before its verdict was written counts as working until the host says otherwise.
    expect(deriveAccountStatus({ hasCredential: true, verdict: 'needs-authorisation', repositories: repositories({ linked: 0 }) })).toBe('connected');
  });
});
