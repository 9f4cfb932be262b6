import type { HttpFetch } from '../ports/http';
import { EGRESS_VERDICT_TTL_MS, checkEnterpriseEgress, withEgressPolicy } from './egress-check';
import { githubHostClient } from './github/github-host-client';
import { checkEnterpriseHostUrl, checkResolvesPublic } from './host-url';
import type { HostResolver } from '../ports/app-config';
import { endpointsFor, PROVIDER_NAMES, PUBLIC_PROVIDER_HOSTS } from './provider-hosts';
import { providerRequest } from './provider-http';

const GHE = PROVIDER_NAMES['github-enterprise'];

/** A fetch that records what it was asked to send and answers like GitHub's `/user`. */
function recordingFetch() {
  const sent: string[] = [];
  const fetch: HttpFetch = async (url) => {
    sent.push(url);
    return { ok: true, status: 200, headers: { get: () => null }, text: async () => '{"login":"octo"}', json: async () => ({ login: 'octo' }) };
  };
  return { fetch, sent };
}

/** DNS whose answers a test can change, counting lookups; a name with no entry does not resolve. */
function switchableDns(initial: Record<string, string[]>) {
  const table = { ...initial };
  const lookups: string[] = [];
  const resolve: HostResolver = async (host) => {
    lookups.push(host);
    const addresses = table[host];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return addresses;
  };
  return { table, lookups, resolve };
}

function enterpriseClient(fetch: HttpFetch, hostUrl: string, clock = { now: () => 0 }) {
  return githubHostClient(fetch, clock, endpointsFor('github-enterprise', hostUrl, PUBLIC_PROVIDER_HOSTS), GHE);
}

describe('the GitHub Enterprise address is checked again before each request', () => {
  it('refuses a name that answered public at account creation and private at request time, and sends nothing (DNS rebinding)', async () => {
    const dns = switchableDns({ 'github.example.com': ['140.82.112.3'] });
    const checked = checkEnterpriseHostUrl('https://github.example.com.');
    expect(checked).toEqual({ ok: true, url: 'https://github.example.com' });
    expect(await checkResolvesPublic('https://github.example.com', dns.resolve)).toEqual({ ok: true, url: 'https://github.example.com' });

    dns.table['github.example.com'] = ['169.254.169.254'];
    const { fetch, sent } = recordingFetch();
    const client = enterpriseClient(withEgressPolicy(fetch, { allowPrivateHosts: false, resolveHost: dns.resolve }), 'https://github.example.com');
    await expect(client.verify('secret-token', 'octo')).rejects.toMatchObject({
      code: 'egress_not_allowed',
      message: expect.stringContaining('github.example.com resolves to 169.254.169.254, not a public internet address (169.254.169.254 is a link-local address (169.254.0.0/16))'),
    });
    await expect(client.refresh({ clientId: 'id', clientSecret: 'secret' }, 'refresh-token')).rejects.toMatchObject({ code: 'egress_not_allowed' });
    expect(sent).toEqual([]);
  });

  it('refuses a name with one public and one private address at request time', async () => {
    const dns = switchableDns({ 'github.example.com': ['140.82.112.3', 'fd00::5'] });
    const { fetch, sent } = recordingFetch();
    await expect(
      providerRequest(withEgressPolicy(fetch, { allowPrivateHosts: false, resolveHost: dns.resolve }), GHE, 'https://github.example.com/api/v3/user'),
    ).rejects.toMatchObject({
      code: 'egress_not_allowed',
      message: expect.stringContaining('fd00::5 is a unique local (private) address (fc00::/7)'),
    });
    expect(sent).toEqual([]);
  });

  it('lets a public name through, looking it up once a minute however many requests a backfill makes', async () => {
    const dns = switchableDns({ 'github.example.com': ['140.82.112.3', '2606:50c0:8000::153'] });
    const { fetch, sent } = recordingFetch();
    let now = 1_000_000;
    const client = enterpriseClient(withEgressPolicy(fetch, { allowPrivateHosts: false, resolveHost: dns.resolve }, { now: () => now }), 'https://github.example.com');
    await Promise.all(Array.from({ length: 5 }, () => client.verify('t', 'octo')));
    for (let request = 0; request < 20; request += 1) {
      await client.verify('t', 'octo');
      now += 1_000;
    }
    expect(sent).toHaveLength(25);
    expect(dns.lookups).toEqual(['github.example.com']);

    // Past the minute the name is looked up again, and a change to a private address is caught.
    now += EGRESS_VERDICT_TTL_MS;
    dns.table['github.example.com'] = ['10.0.0.5'];
    await expect(client.verify('t', 'octo')).rejects.toMatchObject({ code: 'egress_not_allowed' });
    expect(dns.lookups).toHaveLength(2);
    expect(sent).toHaveLength(25);
  });

  it('refuses a name that no longer resolves, and looks again on the next request', async () => {
    const dns = switchableDns({});
    const { fetch, sent } = recordingFetch();
    const guarded = withEgressPolicy(fetch, { allowPrivateHosts: false, resolveHost: dns.resolve });
    await expect(providerRequest(guarded, GHE, 'https://gone.example.com/api/v3/user')).rejects.toMatchObject({
      code: 'provider_unreachable',
      message: expect.stringContaining('gone.example.com does not resolve'),
    });
    dns.table['gone.example.com'] = ['140.82.112.3'];
    await expect(providerRequest(guarded, GHE, 'https://gone.example.com/api/v3/user')).resolves.toMatchObject({ status: 200 });
    expect(dns.lookups).toEqual(['gone.example.com', 'gone.example.com']);
    expect(sent).toEqual(['https://gone.example.com/api/v3/user']);
  });

  it('judges an address stored before the stricter check (a trailing dot, a special IPv6 form) without a lookup', async () => {
    const dns = switchableDns({});
    const { fetch, sent } = recordingFetch();
    const guarded = withEgressPolicy(fetch, { allowPrivateHosts: false, resolveHost: dns.resolve });
    for (const base of [
      'https://localhost.',
      'https://metadata.google.internal.',
      'https://[::7f00:1]',
      'https://[64:ff9b::a9fe:a9fe]',
      'https://[2002:a9fe:a9fe::]',
      'https://[fec0::1]',
      'https://198.18.0.1',
      'https://224.0.0.1',
      'https://255.255.255.255',
    ]) {
      await expect(providerRequest(guarded, GHE, `${base}/api/v3/user`)).rejects.toMatchObject({ code: 'egress_not_allowed' });
    }
    expect(dns.lookups).toEqual([]);
    expect(sent).toEqual([]);
  });

  it('is strict when no policy came with the fetch: no private hosts', async () => {
    const { fetch, sent } = recordingFetch();
    await expect(checkEnterpriseEgress(fetch, 'https://127.0.0.1/api/v3/user', 'GitHub Enterprise')).rejects.toMatchObject({ code: 'egress_not_allowed' });
    await expect(providerRequest(fetch, GHE, 'https://10.0.0.1/api/v3/user')).rejects.toMatchObject({ code: 'egress_not_allowed' });
    expect(sent).toEqual([]);
  });

  it('lets the sandbox and tests call a local stub when private hosts are allowed, without a lookup', async () => {
    const dns = switchableDns({});
    const { fetch, sent } = recordingFetch();
    const client = enterpriseClient(withEgressPolicy(fetch, { allowPrivateHosts: true, resolveHost: dns.resolve }), 'http://127.0.0.1:9999');
    expect(await client.verify('t', 'octo')).toEqual({ identity: 'octo' });
    expect(sent).toEqual(['http://127.0.0.1:9999/api/v3/user']);
    expect(dns.lookups).toEqual([]);
  });

  it('reads the policy when it checks, so a resolver set later applies', async () => {
    const { fetch, sent } = recordingFetch();
    const config: { allowPrivateHosts: boolean; resolveHost?: HostResolver } = { allowPrivateHosts: false };
    const guarded = withEgressPolicy(fetch, config);
    config.resolveHost = switchableDns({ 'late.example.com': ['127.0.0.1'] }).resolve;
    await expect(providerRequest(guarded, GHE, 'https://late.example.com/api/v3/user')).rejects.toMatchObject({ code: 'egress_not_allowed' });
    expect(sent).toEqual([]);
  });

  it('leaves github.com and Bitbucket Cloud requests alone', async () => {
    const { fetch, sent } = recordingFetch();
    await providerRequest(fetch, PROVIDER_NAMES.github, 'https://api.github.com/user');
    await providerRequest(fetch, PROVIDER_NAMES['bitbucket-cloud'], 'https://api.bitbucket.org/2.0/user');
    expect(sent).toEqual(['https://api.github.com/user', 'https://api.bitbucket.org/2.0/user']);
  });
});
