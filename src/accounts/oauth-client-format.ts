import type { AccountTable } from '../storage/schema';
import { ACCOUNT_FIELD_LABELS } from './account-field-labels';

type Provider = AccountTable['provider'];

/**
 * What an OAuth key (client id) of each host looks like, checked before it is stored or sent anywhere: it
 * ends up in the authorisation URL the admin's browser opens, so only plain ASCII of a bounded length gets
 * through, never markup, a scheme (`javascript:`), spaces or emoji. The patterns are wider than today's
 * formats, so a host changing its format does not lock admins out:
 *
 * - GitHub and GitHub Enterprise: OAuth apps have 20 hex digits (older) or `Ov23li…` (20 letters and
 *   digits); GitHub Apps `Iv1.` and 16 hex digits (older) or `Iv23li…`. Letters, digits, `.`, `_` and `-`.
 * - Bitbucket Cloud: a consumer's key is letters and digits (18 today).
 * - GitLab: an application's id is 64 hex digits. Letters and digits.
 */
const KEY_FORMATS: Record<Provider, { pattern: RegExp; shape: string }> = {
  github: { pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{7,99}$/, shape: 'letters, digits and . _ -, such as Ov23liAbCdEf0123456789' },
  'github-enterprise': { pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{7,99}$/, shape: 'letters, digits and . _ -, such as Ov23liAbCdEf0123456789' },
  'bitbucket-cloud': { pattern: /^[A-Za-z0-9]{8,100}$/, shape: 'letters and digits only, such as a5Rf7kPq2LmN8xYz3W' },
  gitlab: { pattern: /^[A-Za-z0-9]{8,100}$/, shape: 'letters and digits only (GitLab shows 64 of them)' },
  // An incoming OAuth 2.0 application link's client id: letters, digits and - (as far as documented).
  'bitbucket-data-center': { pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{7,99}$/, shape: 'letters, digits and . _ -' },
};

/** Where each host shows the key, in its own words, so the message says where to copy it from. */
const KEY_SOURCE: Record<Provider, string> = {
  github: "the OAuth app's page on GitHub (Client ID)",
  'github-enterprise': "the OAuth app's page on your GitHub Enterprise server (Client ID)",
  'bitbucket-cloud': "the OAuth consumer in Bitbucket's workspace settings (Key)",
  gitlab: "the application's page in GitLab (Application ID)",
  'bitbucket-data-center': "the incoming application link in Bitbucket's Administration → Application links (Client ID)",
};

/** Secrets are opaque: any printable ASCII without spaces, of a bounded length. */
const SECRET_PATTERN = /^[\x21-\x7e]{8,500}$/;

/** Why the OAuth key does not fit its host, in the page's words, or null when it does. */
export function oauthKeyProblem(provider: Provider, key: string): string | null {
  const format = KEY_FORMATS[provider];
  if (format.pattern.test(key)) return null;
  return `${ACCOUNT_FIELD_LABELS.oauthClientId}: copy it exactly from ${KEY_SOURCE[provider]}. It is ${format.shape}, 8 to 100 characters.`;
}

/** Why the OAuth secret cannot be one, or null when it can. */
export function oauthSecretProblem(secret: string): string | null {
  if (SECRET_PATTERN.test(secret)) return null;
  return `${ACCOUNT_FIELD_LABELS.oauthClientSecret}: paste it exactly as the Git host showed it, without spaces (8 to 500 characters).`;
}

/**
 * The OAuth key and secret an admin saves, checked together: each in its host's form, and never a secret
 * without a key (stored, or saved with it), which could authorise nothing. Null when they may be saved.
 */
export function oauthClientProblem(
  provider: Provider,
  input: { key?: string; secret?: string; storedKey?: string | null },
): { field: 'oauthClientId' | 'oauthClientSecret'; message: string } | null {
  const keyProblem = input.key ? oauthKeyProblem(provider, input.key) : null;
  if (keyProblem) return { field: 'oauthClientId', message: keyProblem };
  if (!input.secret) return null;
  const secretProblem = oauthSecretProblem(input.secret);
  if (secretProblem) return { field: 'oauthClientSecret', message: secretProblem };
  if (!input.key && !input.storedKey) {
    return {
      field: 'oauthClientId',
      message: `${ACCOUNT_FIELD_LABELS.oauthClientId}: enter the key that goes with the OAuth secret, or leave both empty to use an access token instead.`,
    };
  }
  return null;
}
