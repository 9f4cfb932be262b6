import { lookup } from 'node:dns/promises';
import type { HostResolver } from '../ports/app-config';
import { classifyAddress, parseIPv4, parseIPv6, type AddressVerdict } from './ip-address';
import { withoutTrailingSlashes } from '../urls/http-url';

export type HostUrlCheck = { ok: true; url: string } | { ok: false; message: string };

/**
 * A host name as compared and checked everywhere: lower case, brackets off an IPv6 literal, and the trailing
 * dot of a fully qualified name dropped (`localhost.` is `localhost`, `github.com.` is `github.com`).
 */
export function normaliseHostName(hostname: string): string {
  return hostname
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
}

const isIpLiteral = (host: string) => parseIPv4(host) !== null || parseIPv6(host) !== null;

/** Special-use names (RFC 6761, RFC 6762, RFC 8375) and the private `.internal` names cloud providers use. */
const PRIVATE_NAME_SUFFIXES = ['localhost', 'local', 'internal', 'home.arpa'];

function isPrivateName(host: string): boolean {
  return PRIVATE_NAME_SUFFIXES.some((suffix) => host === suffix || host.endsWith(`.${suffix}`));
}

/**
 * Why a host (a name or an IP literal, as `URL.hostname` gives it) may not be called, judged without DNS;
 * null if nothing is wrong with it as written. A name still has to resolve to global addresses only
 * (`checkHostResolvesPublic`).
 */
function hostRefusal(hostname: string): string | null {
  const host = normaliseHostName(hostname);
  if (isIpLiteral(host)) {
    const verdict = classifyAddress(host);
    return verdict.global ? null : verdict.reason;
  }
  if (isPrivateName(host)) return `${host} is a name for this machine or a private network`;
  if (!host.includes('.')) return `${host} is not a full internet name (such as github.example.com)`;
  return null;
}

const notPublic = (reason: string) =>
  `That address is not on the public internet: ${reason}. Atlassian's cloud cannot reach it and the app will not call it. Use the server's public address.`;

/**
 * A GitHub Enterprise Server base address as admins paste it, checked and normalised: https only, no
 * path, query or credentials, not a private, loopback or otherwise special address (Atlassian's cloud could
 * not reach it, and the app must not be turned against internal services), not github.com and not the Jira
 * site. IP literals in any notation are judged after URL parsing has made them canonical.
 */
export function checkEnterpriseHostUrl(
  input: string,
  options: { allowPrivateHosts?: boolean; serverName?: string; example?: string; allowContextPath?: boolean } = {},
): HostUrlCheck {
  const text = input.trim();
  const server = options.serverName ?? 'GitHub Enterprise server';
  const example = options.example ?? 'https://github.example.com';
  let url: URL;
  try {
    url = new URL(text.includes('://') ? text : `https://${text}`);
  } catch {
    return { ok: false, message: `Enter the address of your ${server}, for example ${example}.` };
  }
  const host = normaliseHostName(url.hostname);
  if (!host || host.split('.').some((label) => label === '')) {
    return { ok: false, message: `Enter the address of your ${server}, for example ${example}.` };
  }
  const refusal = hostRefusal(host);
  const local = options.allowPrivateHosts === true && refusal !== null;
  if (url.protocol !== 'https:' && !(local && url.protocol === 'http:')) {
    return { ok: false, message: 'The server address must start with https://.' };
  }
  if (url.username || url.password) return { ok: false, message: 'Leave the user name and password out of the address.' };
  // A server installed under a context path (Bitbucket Data Center's `https://host/bitbucket`) keeps it: a few
  // plain segments, nothing that could climb out of it or carry a query.
  const path = withoutTrailingSlashes(url.pathname);
  const contextPath = options.allowContextPath === true && /^(\/[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,63}){1,3}$/.test(path) && !/\/\.\.?(\/|$)/.test(path) ? path : '';
  if ((path !== '' && path !== contextPath) || url.search || url.hash) {
    return { ok: false, message: 'Enter only the server address, without a path such as /api/v3 or an organisation name.' };
  }
  if (host === 'github.com' || host.endsWith('.github.com')) return { ok: false, message: 'That is github.com: choose "GitHub" as the host instead of GitHub Enterprise.' };
  if (host.endsWith('.atlassian.net') || host.endsWith('.jira.com')) return { ok: false, message: `That is a Jira address. Enter your ${server}'s address.` };
  if (refusal !== null && !options.allowPrivateHosts) return { ok: false, message: notPublic(refusal) };
  const bracketed = host.includes(':') ? `[${host}]` : host;
  return { ok: true, url: `${url.protocol}//${bracketed}${url.port ? `:${url.port}` : ''}${contextPath}` };
}

/** Resolves a host name to all its addresses (A and AAAA); injectable so tests need no DNS. */
export const systemResolver: HostResolver = async (hostname) => (await lookup(hostname, { all: true, order: 'verbatim' })).map((entry) => entry.address);

/** How long a lookup may take before the name counts as not resolving. */
const RESOLVE_TIMEOUT_MS = 10_000;

export type HostResolution = { ok: true; host: string; addresses: string[] } | { ok: false; host: string; kind: 'unresolved' | 'not-public'; message: string };

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
    timer.unref?.();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * A host is public when it is a global IP literal, or a name whose every address (A and AAAA) is global:
 * one private address among public ones is enough for a connection to land inside a network. A name that
 * does not resolve is refused too: it cannot be judged, and nothing can be reached through it anyway.
 */
export async function checkHostResolvesPublic(hostname: string, resolve: HostResolver = systemResolver): Promise<HostResolution> {
  const host = normaliseHostName(hostname);
  const refusal = hostRefusal(host);
  if (refusal !== null) return { ok: false, host, kind: 'not-public', message: notPublic(refusal) };
  if (isIpLiteral(host)) return { ok: true, host, addresses: [host] };
  let addresses: string[];
  try {
    addresses = await withTimeout(resolve(host), RESOLVE_TIMEOUT_MS);
  } catch {
    addresses = [];
  }
  if (addresses.length === 0) {
    return {
      ok: false,
      host,
      kind: 'unresolved',
      message: `${host} does not resolve: DNS has no address for it. Check the server's name, and that it is published in public DNS.`,
    };
  }
  const refused = addresses.map(classifyAddress).filter((verdict): verdict is Extract<AddressVerdict, { global: false }> => !verdict.global);
  if (refused.length > 0) {
    const reasons = refused
      .slice(0, 3)
      .map((verdict) => verdict.reason)
      .join('; ');
    return {
      ok: false,
      host,
      kind: 'not-public',
      message: `${host} resolves to ${refused
        .map((verdict) => verdict.address)
        .slice(0, 3)
        .join(', ')}, not a public internet address (${reasons}). Atlassian's cloud cannot reach it and the app will not call it.`,
    };
  }
  return { ok: true, host, addresses };
}

/**
 * The account-creation check of a normalised base address (from `checkEnterpriseHostUrl`). The same check
 * runs again before every request (provider-http), because what a name resolves to can change afterwards.
 */
export async function checkResolvesPublic(url: string, resolve: HostResolver = systemResolver): Promise<HostUrlCheck> {
  const resolution = await checkHostResolvesPublic(new URL(url).hostname, resolve);
  return resolution.ok ? { ok: true, url } : { ok: false, message: resolution.message };
}
