import { AppError } from '../errors/app-error';
import { systemClock, type Clock } from '../ports/clock';
import type { HttpFetch } from '../ports/http';
import type { AppConfig } from '../ports/app-config';
import { checkHostResolvesPublic, normaliseHostName, systemResolver, type HostResolution } from './host-url';
import type { HostResolver } from '../ports/app-config';

/**
 * The connection-time half of the GitHub Enterprise address check. An admin's address is checked when the
 * account is created, but what its name resolves to can change afterwards (DNS rebinding, a record pointed
 * at an internal address later), so provider-http checks the host again right before every request to a
 * GitHub Enterprise server and refuses, before any byte is sent, unless every address it resolves to is
 * global.
 *
 * Residual window: on Forge the app cannot pin the address it checked. Forge's `fetch` (`@forge/api`) takes a
 * URL, not an address, and resolves the name itself, on Atlassian's side of the egress controls; the app never
 * learns which address it connected to. So a name with a very short TTL could answer a public address to this
 * check and a private one to Forge's resolver a moment later. The check narrows the window to that moment,
 * plus the verdict cache below (a minute); against what is left stand Forge's egress allow-list (only the
 * manifest's hosts can be called at all) and Forge's own network placement. The sandbox's fetch (Node's)
 * resolves again too.
 */
export const EGRESS_VERDICT_TTL_MS = 60_000;
const MAX_CACHED_HOSTS = 512;

/** What the check needs from the app's configuration; read at each check, so later changes apply. */
export type EgressPolicy = Pick<AppConfig, 'allowPrivateHosts' | 'resolveHost'>;

const POLICY = Symbol('egressPolicy');
type PolicyFetch = HttpFetch & { [POLICY]?: { policy: EgressPolicy; clock: Clock; customerServer: boolean; approvedOrigins?: string[] } };

/**
 * `fetch` carrying the policy the request-time check applies (the sandbox's `allowPrivateHosts`, a test's
 * resolver). A fetch without one gets the strict default: the system resolver, and no private hosts.
 * `customerServer` marks a fetch for an admin's own server (self-managed GitLab, ...): every request it
 * sends is checked, whatever the host's name. `approvedOrigins` are the only origins it may reach: the
 * account's own host, as an admin linked it. With the manifest's wildcard egress (README, "Reaching a
 * customer's own server") this, not Forge, is what keeps the app from calling anywhere else.
 */
export function withEgressPolicy(
  fetch: HttpFetch,
  policy: EgressPolicy,
  clock: Clock = systemClock,
  options: { customerServer?: boolean; approvedOrigins?: string[] } = {},
): HttpFetch {
  const wrapped: PolicyFetch = (url, init) => fetch(url, init);
  wrapped[POLICY] = { policy, clock, customerServer: options.customerServer === true, ...(options.approvedOrigins ? { approvedOrigins: options.approvedOrigins } : {}) };
  return wrapped;
}

/**
 * Refuses, before anything is sent, a request to an origin the fetch was not approved for (a link or cursor
 * in a host's answer that points elsewhere, a stored URL that was tampered with).
 */
export function checkApprovedOrigin(fetch: HttpFetch, url: string): void {
  const approved = (fetch as PolicyFetch)[POLICY]?.approvedOrigins;
  if (!approved) return;
  const origin = new URL(url).origin;
  if (!approved.includes(origin)) {
    throw new AppError('egress_not_allowed', `The app refused to call ${new URL(url).host}: it only calls the Git host an admin linked this account to. Nothing was sent.`, {
      detail: { host: new URL(url).host },
    });
  }
}

/** Whether requests through this fetch go to an admin's own server, and so are checked before each one. */
export function isCustomerServerFetch(fetch: HttpFetch): boolean {
  return (fetch as PolicyFetch)[POLICY]?.customerServer === true;
}

interface CachedVerdict {
  expiresAt: number;
  resolution: Promise<HostResolution>;
}

/** Verdicts by resolver, then host name: a test's resolver never sees another's verdicts. */
const verdicts = new WeakMap<HostResolver, Map<string, CachedVerdict>>();

/**
 * One lookup per host per minute, so a backfill of thousands of requests does not resolve each time;
 * concurrent requests share one lookup. A name that failed to resolve is not remembered: the next request
 * looks again.
 */
function cachedResolution(resolve: HostResolver, host: string, now: number): Promise<HostResolution> {
  let byHost = verdicts.get(resolve);
  if (!byHost) verdicts.set(resolve, (byHost = new Map<string, CachedVerdict>()));
  const cached = byHost.get(host);
  if (cached && now < cached.expiresAt) return cached.resolution;
  if (byHost.size >= MAX_CACHED_HOSTS) {
    for (const [key, entry] of byHost) if (entry.expiresAt <= now) byHost.delete(key);
    if (byHost.size >= MAX_CACHED_HOSTS) byHost.clear();
  }
  const entry: CachedVerdict = { expiresAt: now + EGRESS_VERDICT_TTL_MS, resolution: checkHostResolvesPublic(host, resolve) };
  byHost.set(host, entry);
  void entry.resolution.then(
    (resolution) => {
      if (!resolution.ok && resolution.kind === 'unresolved' && byHost.get(host) === entry) byHost.delete(host);
    },
    () => byHost.delete(host),
  );
  return entry.resolution;
}

/**
 * Refuses a request to a customer's own server (GitHub Enterprise, self-managed GitLab, Bitbucket Data Center)
 * whose host is not public right now: `egress_not_allowed` for a
 * host that is (or resolves to) a non-global address, `provider_unreachable` for a name that does not resolve
 * (what the request itself would have failed with; a later retry looks again).
 */
export async function checkEnterpriseEgress(fetch: HttpFetch, url: string, hostName: string): Promise<void> {
  const attached = (fetch as PolicyFetch)[POLICY];
  const policy: EgressPolicy = attached?.policy ?? { allowPrivateHosts: false };
  if (policy.allowPrivateHosts) return;
  const host = normaliseHostName(new URL(url).hostname);
  const resolution = await cachedResolution(policy.resolveHost ?? systemResolver, host, (attached?.clock ?? systemClock).now());
  if (resolution.ok) return;
  if (resolution.kind === 'unresolved') {
    throw new AppError('provider_unreachable', `${hostName} could not be reached: ${resolution.message} Nothing was sent.`, { detail: { host } });
  }
  throw new AppError('egress_not_allowed', `The app refused to call ${host}. ${resolution.message} Nothing was sent. If the server has moved, correct its DNS records.`, {
    detail: { host },
  });
}
