/** Where the public Git hosts live; the sandbox points these at local stubs for its tests. */
export interface ProviderHosts {
  github: { web: string; api: string };
  bitbucket: { web: string; api: string };
  gitlab: { web: string; api: string };
}

/** Resolves a host name to its addresses (DNS), for the private-address check. */
export type HostResolver = (hostname: string) => Promise<string[]>;

export interface AppConfig {
  providerHosts: ProviderHosts;
  /** Only the sandbox sets this, for local provider stubs; Forge never allows private addresses. */
  allowPrivateHosts: boolean;
  /** DNS for the private-address check; the system resolver unless a test supplies one. */
  resolveHost?: HostResolver;
  /** How long one queued slice of long work runs before queueing the next (default 20 s). */
  sliceBudgetMs?: number;
  /**
   * Whether Jira can be called as a user who is not here (`jira.asUser(accountId)`): smart commits then act
   * with the committer's own rights. Forge allows it only for scopes the manifest declares with
   * `allowImpersonation: true`, which @forge/manifest 13.7 does not support yet, so it is off on Forge.
   */
  impersonation?: boolean;
  /** Smart commits authored longer ago than this are not run, even when first pushed now (default 14). */
  smartCommitMaxAgeDays?: number;
}
