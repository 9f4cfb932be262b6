import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Checks an `X-Hub-Signature-256` (GitHub) or `X-Hub-Signature` (Bitbucket) header, `sha256=<hex>`,
 * against the HMAC-SHA256 of the exact body bytes. The comparison takes the same time wherever the first
 * difference is, so the signature cannot be guessed byte by byte.
 */
export function verifySha256Signature(secret: string, body: string, header: string | undefined): boolean {
  if (!header || !header.startsWith('sha256=')) return false;
  const given = header.slice('sha256='.length).trim();
  if (!/^[0-9a-fA-F]{64}$/.test(given)) return false;
  const expected = createHmac('sha256', secret).update(body, 'utf8').digest();
  return timingSafeEqual(expected, Buffer.from(given, 'hex'));
}

export function sha256Signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/**
 * Checks GitLab's `X-Gitlab-Token` header, which carries the webhook's secret token itself rather than a
 * signature. Both sides are hashed first, so the comparison takes the same time whatever the lengths and
 * wherever the first difference is.
 */
export function verifySecretToken(secret: string, _body: string, header: string | undefined): boolean {
  if (!header || !secret) return false;
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(secret), digest(header));
}
