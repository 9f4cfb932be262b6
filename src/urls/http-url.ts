/**
 * The one check every URL passes before the app stores it, renders it or sends it to Jira. A Git host's
 * payload and its API answers carry URLs chosen by whoever pushed (or forged by whoever holds a webhook
 * secret): `javascript:`, `data:`, `//evil` or `https://github.com@evil.example` must never become a link.
 *
 * Used by: the webhook schemas (through `httpUrl` in ./http-url-schema), the normalisers and host clients,
 * the panel's reader, the development-information payload, the smart-commit comment, and the Custom UI's
 * `ExternalLink`. It has no imports, so the browser bundles can use it as it is.
 */

/** Longest URL kept: Jira's development-information API refuses longer ones (`maxLength: 2000`). */
export const MAX_URL_LENGTH = 2000;

/**
 * `url` as a plain http(s) link, normalised by the WHATWG URL parser, or null when it is anything else:
 * another scheme, no host, a user name or password, a backslash, whitespace or a control character
 * anywhere (browsers strip or rewrite those, so what is shown would differ from what is opened), a
 * scheme-relative or `http:/x` form, or longer than `MAX_URL_LENGTH`. Linear in the length, which is
 * capped before anything else is done.
 */
export function safeHttpUrl(url: unknown): string | null {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_URL_LENGTH) return null;
  const scheme = url.slice(0, 8).toLowerCase();
  const afterScheme = scheme.startsWith('https://') ? 8 : scheme.startsWith('http://') ? 7 : -1;
  // `https:///evil` and `http:/\evil` are parsed leniently into another host than they appear to name.
  if (afterScheme < 0 || url[afterScheme] === '/') return null;
  for (let index = 0; index < url.length; index += 1) {
    const code = url.charCodeAt(index);
    // C0 controls and space, DEL and C1 controls, backslash.
    if (code <= 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x5c) return null;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if ((parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || parsed.hostname === '' || parsed.username !== '' || parsed.password !== '') return null;
  const href = parsed.href;
  return href.length <= MAX_URL_LENGTH ? href : null;
}

export function isHttpUrl(url: unknown): url is string {
  return safeHttpUrl(url) !== null;
}

/** `text` without the `/`s it ends with; a loop, where `/\/+$/` would be quadratic on a run of slashes. */
export function withoutTrailingSlashes(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x2f) end -= 1;
  return end === text.length ? text : text.slice(0, end);
}
