import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

export type HostUrlCheck = { ok: true; url: string } | { ok: false; message: string };

const PRIVATE_V4 = [
  [0x0a000000, 8], // 10/8
  [0xac100000, 12], // 172.16/12
  [0xc0a80000, 16], // 192.168/16
  [0x7f000000, 8], // 127/8
  [0xa9fe0000, 16], // 169.254/16 link-local
  [0x00000000, 8], // 0/8
  [0x64400000, 10], // 100.64/10 carrier-grade NAT
] as const;

export function isPrivateAddress(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost') || bare.endsWith('.local') || bare.endsWith('.internal')) return true;
  if (isIP(bare) === 4) {
    const value = bare.split('.').reduce((total, part) => total * 256 + Number(part), 0);
    return PRIVATE_V4.some(([base, bits]) => (value >>> (32 - bits)) === (base >>> (32 - bits)));
  }
  if (isIP(bare) === 6) return bare === '::1' || bare === '::' || /^f[cd]/.test(bare) || /^fe[89ab]/.test(bare) || bare.startsWith('::ffff:');
  return false;
}

/**
 * A GitHub Enterprise Server base address as admins paste it, checked and normalised: https only, no
 * path, query or credentials, not a private or loopback address (Atlassian's cloud could not reach it,
 * and the app must not be turned against internal services), not github.com and not the Jira site.
 */
export function checkEnterpriseHostUrl(input: string, options: { allowPrivateHosts?: boolean } = {}): HostUrlCheck {
  const text = input.trim();
  let url: URL;
  try {
    url = new URL(text.includes('://') ? text : `https://${text}`);
  } catch {
    return { ok: false, message: 'Enter the address of your GitHub Enterprise server, for example https://github.example.com.' };
  }
  const local = options.allowPrivateHosts === true && isPrivateAddress(url.hostname);
  if (url.protocol !== 'https:' && !(local && url.protocol === 'http:')) {
    return { ok: false, message: 'The server address must start with https://.' };
  }
  if (url.username || url.password) return { ok: false, message: 'Leave the user name and password out of the address.' };
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    return { ok: false, message: 'Enter only the server address, without a path such as /api/v3 or an organisation name.' };
  }
  const host = url.hostname.toLowerCase();
  if (host === 'github.com' || host.endsWith('.github.com')) return { ok: false, message: 'That is github.com: choose "GitHub" as the host instead of GitHub Enterprise.' };
  if (host.endsWith('.atlassian.net') || host.endsWith('.jira.com')) return { ok: false, message: "That is a Jira address. Enter your GitHub Enterprise server's address." };
  if (isPrivateAddress(host) && !options.allowPrivateHosts) {
    return { ok: false, message: "That address is on a private network, which Atlassian's cloud cannot reach. Use the server's public address." };
  }
  return { ok: true, url: `${url.protocol}//${url.host.toLowerCase()}` };
}

/** Resolves a host name to its addresses; injectable so tests need no DNS. */
export type HostResolver = (hostname: string) => Promise<string[]>;
export const systemResolver: HostResolver = async (hostname) => (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * A public-looking name can still resolve to a private address (DNS rebinding, split-horizon DNS): the name
 * is resolved and refused if any address is private, loopback or link-local. A name that does not resolve
 * here is let through: the Git host call then fails with its own clear message, and Forge's egress allow-list
 * still confines every request to the hosts in the manifest.
 */
export async function checkResolvesPublic(url: string, resolve: HostResolver = systemResolver): Promise<HostUrlCheck> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return { ok: true, url };
  let addresses: string[];
  try {
    addresses = await resolve(host);
  } catch {
    return { ok: true, url };
  }
  const privateOne = addresses.find((address) => isPrivateAddress(address));
  return privateOne ? { ok: false, message: `${host} resolves to ${privateOne}, a private network address, which Atlassian's cloud cannot reach and the app will not call.` } : { ok: true, url };
}
