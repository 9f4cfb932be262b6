import { ACCOUNT_FIELD_LABELS, accountNameLabel, hostUrlLabel } from '../accounts/account-field-labels';
import { AppError } from '../errors/app-error';
import type { AccountTable } from '../storage/schema';
import type { PayloadFields } from './payload-problems';

type Provider = AccountTable['provider'];

const providerOf = (payload: unknown): Provider | undefined =>
  payload && typeof payload === 'object' && 'provider' in payload && typeof payload.provider === 'string' ? (payload.provider as Provider) : undefined;

/**
 * The fields of the admin page's requests that an admin types, in the page's words (admin-payload-fields is
 * where every admin validation message is written). What the page fills in itself (ids, cursors, the
 * repositories it lists) is not here: a problem with those means the page is out of date.
 */
export function adminPayloadFields(payload: unknown): PayloadFields {
  const name = accountNameLabel(providerOf(payload));
  const hostUrl = hostUrlLabel(providerOf(payload));
  return {
    provider: { label: 'Host', empty: 'Host: choose where the account is (GitHub, GitHub Enterprise Server, Bitbucket Cloud, GitLab or Bitbucket Data Center).' },
    name: {
      label: name,
      empty: `${name}: enter the name as it appears in its address on the Git host.`,
      format: `${name}: use the name exactly as it appears in its address on the Git host (letters, digits, - _ and .).`,
    },
    hostUrl: { label: hostUrl, empty: `${hostUrl}: enter the address of your server, as people open it in a browser.` },
    oauthClientId: {
      label: ACCOUNT_FIELD_LABELS.oauthClientId,
      empty: `${ACCOUNT_FIELD_LABELS.oauthClientId}: enter the key shown on the OAuth app or consumer, or leave the key and secret empty to use an access token.`,
      hint: 'Copy it exactly from the OAuth app or consumer.',
    },
    oauthClientSecret: {
      label: ACCOUNT_FIELD_LABELS.oauthClientSecret,
      empty: `${ACCOUNT_FIELD_LABELS.oauthClientSecret}: enter the secret shown on the OAuth app or consumer.`,
      hint: 'Paste only the secret.',
    },
    token: {
      label: ACCOUNT_FIELD_LABELS.accessToken,
      empty: `${ACCOUNT_FIELD_LABELS.accessToken}: paste the token the Git host showed when you created it.`,
      format: `${ACCOUNT_FIELD_LABELS.accessToken}: paste only the token, exactly as the Git host showed it, without spaces.`,
      hint: 'Paste only the token, exactly as the Git host showed it.',
    },
    query: {
      label: 'Commit sha or message',
      empty: 'Commit sha or message: paste a commit sha or a commit message to check.',
      hint: 'Paste the first line of the message, or the sha.',
    },
    projectKeys: { label: 'Shown on', empty: 'Shown on: choose at least one project, or All projects.', format: 'Shown on: choose projects from the list.' },
  };
}

/** A problem with one typed field found after parsing (a check that needs the account or the host), in the same words. */
export function fieldError(field: 'name' | 'hostUrl' | 'oauthClientId' | 'oauthClientSecret', message: string): AppError {
  return new AppError('invalid_input', message, { detail: { field } });
}
