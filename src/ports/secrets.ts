/**
 * Write-mostly secret storage (OAuth secrets, tokens, webhook secrets). Values never leave the back end:
 * resolvers return at most whether a secret is set.
 */
export interface Secrets {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}
