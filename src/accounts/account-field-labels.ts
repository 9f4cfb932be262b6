import type { AccountTable } from '../storage/schema';

/**
 * The labels of the account fields an admin types, as the admin page shows them. The page and the back end's
 * validation messages both read them from here, so a message names the field exactly as the page does.
 */
export const ACCOUNT_FIELD_LABELS = {
  hostUrl: 'Host URL',
  oauthClientId: 'OAuth key (client id)',
  oauthClientSecret: 'OAuth secret',
  accessToken: 'Access token',
} as const;

/** What the address of the admin's own server is called (GitLab's is optional: gitlab.com without one). */
export function hostUrlLabel(provider: AccountTable['provider'] | undefined): string {
  return provider === 'gitlab' || provider === 'bitbucket-data-center' ? 'Server address' : ACCOUNT_FIELD_LABELS.hostUrl;
}

/** What the account's name is called on its host. */
export function accountNameLabel(provider: AccountTable['provider'] | undefined): string {
  if (provider === 'bitbucket-cloud') return 'Workspace';
  if (provider === 'gitlab') return 'Group or user';
  if (provider === 'bitbucket-data-center') return 'Project key';
  return 'Organisation or user';
}
