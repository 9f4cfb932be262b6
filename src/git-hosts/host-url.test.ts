import { checkEnterpriseHostUrl, checkHostResolvesPublic, checkResolvesPublic, normaliseHostName } from './host-url';
import type { HostResolver } from '../ports/app-config';

/** A resolver answering from a table; a missing name does not resolve. */
const resolverOf =
  (table: Record<string, string[]>): HostResolver =>
  async (host) => {
    const addresses = table[host];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return addresses;
  };

describe('checkEnterpriseHostUrl', () => {
  it.each([
    ['https://github.example.com', 'https://github.example.com'],
    ['https://GitHub.Example.com/', 'https://github.example.com'],
    ['github.example.com', 'https://github.example.com'],
    ['https://github.example.com:8443', 'https://github.example.com:8443'],
    ['https://github.example.com.', 'https://github.example.com'],
    ['https://GitHub.Example.com.:8443/', 'https://github.example.com:8443'],
    ['https://140.82.112.3', 'https://140.82.112.3'],
    ['https://140.82.112.3.', 'https://140.82.112.3'],
    ['https://[2606:4700::1111]', 'https://[2606:4700::1111]'],
  ])('accepts and normalises %s', (input, url) => {
    expect(checkEnterpriseHostUrl(input)).toEqual({ ok: true, url });
  });

  it.each([
    ['http://github.example.com', /https:\/\//],
    ['https://github.example.com/api/v3', /without a path/],
    ['https://github.example.com/?x=1', /without a path/],
    ['https://user:pw@github.example.com', /user name and password/],
    ['https://github.com', /choose "GitHub"/],
    ['https://github.com.', /choose "GitHub"/],
    ['https://api.github.com.', /choose "GitHub"/],
    ['https://acme.atlassian.net', /Jira address/],
    ['https://acme.atlassian.net.', /Jira address/],
    ['https://a..example.com', /Enter the address/],
    ['https://example.com..', /Enter the address/],
    ['not a url at all', /Enter the address/],
    // Names that only mean something on this machine or a private network, with and without the FQDN dot.
    ['https://localhost', /localhost is a name for this machine or a private network/],
    ['https://localhost.', /localhost is a name for this machine or a private network/],
    ['https://ghe.localhost.', /ghe\.localhost is a name for this machine/],
    ['https://git.corp.internal', /git\.corp\.internal is a name for this machine/],
    ['https://metadata.google.internal.', /metadata\.google\.internal is a name for this machine/],
    ['https://printer.local.', /printer\.local is a name/],
    ['https://nas.home.arpa', /nas\.home\.arpa is a name/],
    ['https://ghe', /ghe is not a full internet name/],
    ['https://ghe.', /ghe is not a full internet name/],
    // The nine addresses of issue 13, item 6, each with the reason in the message.
    ['https://[::127.0.0.1]', /IPv4-compatible IPv6 address \(::\/96\) of 127\.0\.0\.1, a loopback address \(127\.0\.0\.0\/8\)/],
    ['https://[64:ff9b::a9fe:a9fe]', /NAT64 address \(64:ff9b::\/96\) of 169\.254\.169\.254, a link-local address/],
    ['https://[2002:a9fe:a9fe::]', /6to4 address \(2002::\/16\) of 169\.254\.169\.254, a link-local address/],
    ['https://[fec0::1]', /site-local .*\(fec0::\/10\)/],
    ['https://198.18.0.1', /network benchmarking address \(198\.18\.0\.0\/15\)/],
    ['https://224.0.0.1', /multicast address \(224\.0\.0\.0\/4\)/],
    ['https://255.255.255.255', /limited broadcast address/],
    // Every notation of an address is judged after URL parsing makes it canonical.
    ['https://127.0.0.1', /loopback address \(127\.0\.0\.0\/8\)/],
    ['https://127.0.0.1.', /loopback/],
    ['https://2130706433', /loopback/],
    ['https://0x7f.1', /loopback/],
    ['https://0177.0.0.1', /loopback/],
    ['https://10.1.2.3', /private address \(10\.0\.0\.0\/8\)/],
    ['https://172.20.0.1', /private address \(172\.16\.0\.0\/12\)/],
    ['https://192.168.1.10', /private address \(192\.168\.0\.0\/16\)/],
    ['https://169.254.169.254', /link-local address \(169\.254\.0\.0\/16\)/],
    ['https://100.64.0.1', /carrier-grade NAT/],
    ['https://192.0.0.170', /192\.0\.0\.0\/24/],
    ['https://192.0.2.1', /documentation/],
    ['https://192.88.99.1', /6to4 relay/],
    ['https://198.51.100.1', /documentation/],
    ['https://203.0.113.1', /documentation/],
    ['https://240.0.0.1', /reserved/],
    ['https://0.0.0.0', /"this network"/],
    ['https://[::1]', /loopback/],
    ['https://[::]', /unspecified/],
    ['https://[::ffff:127.0.0.1]', /IPv4-mapped .* of 127\.0\.0\.1/],
    ['https://[::ffff:a9fe:a9fe]', /IPv4-mapped .* of 169\.254\.169\.254/],
    ['https://[64:ff9b:1::808:808]', /local-use NAT64/],
    ['https://[100::1]', /discard-only/],
    ['https://[2001::1]', /Teredo/],
    ['https://[2001:db8::1]', /documentation/],
    ['https://[fd00::1]', /unique local/],
    ['https://[fe80::1]', /link-local/],
    ['https://[ff02::1]', /multicast/],
    ['https://[4000::1]', /outside the global unicast range/],
  ])('rejects %s', (input, message) => {
    const result = checkEnterpriseHostUrl(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it('allows a local stub only when the sandbox asks for it, and still not github.com', () => {
    expect(checkEnterpriseHostUrl('http://127.0.0.1:9999', { allowPrivateHosts: true })).toEqual({ ok: true, url: 'http://127.0.0.1:9999' });
    expect(checkEnterpriseHostUrl('http://localhost.:9999', { allowPrivateHosts: true })).toEqual({ ok: true, url: 'http://localhost:9999' });
    expect(checkEnterpriseHostUrl('http://github.example.com', { allowPrivateHosts: true }).ok).toBe(false);
    expect(checkEnterpriseHostUrl('https://github.com.', { allowPrivateHosts: true }).ok).toBe(false);
  });

  it('normalises a fully qualified name to the name', () => {
    expect(normaliseHostName('GitHub.Example.COM.')).toBe('github.example.com');
    expect(normaliseHostName('[::1]')).toBe('::1');
  });
});

describe('checkResolvesPublic', () => {
  const resolve = resolverOf({
    'github.example.com': ['140.82.112.3', '2606:50c0:8000::153'],
    'mixed.example.com': ['140.82.112.3', '10.0.0.5'],
    'mapped.example.com': ['::ffff:169.254.169.254'],
    'metadata.example.com': ['169.254.169.254'],
    'empty.example.com': [],
  });

  it('accepts a public name when every address it resolves to is global, with or without the trailing dot', async () => {
    expect(await checkResolvesPublic('https://github.example.com', resolve)).toEqual({ ok: true, url: 'https://github.example.com' });
    expect(await checkHostResolvesPublic('github.example.com.', resolve)).toEqual({ ok: true, host: 'github.example.com', addresses: ['140.82.112.3', '2606:50c0:8000::153'] });
  });

  it('refuses a name that does not resolve, saying so', async () => {
    for (const url of ['https://nowhere.example.com', 'https://empty.example.com']) {
      const result = await checkResolvesPublic(url, resolve);
      expect(result).toEqual({ ok: false, message: expect.stringMatching(/^[a-z.]+ does not resolve: DNS has no address for it/) });
    }
  });

  it('refuses a name when any one of its addresses is not global', async () => {
    expect(await checkResolvesPublic('https://mixed.example.com', resolve)).toEqual({
      ok: false,
      message: expect.stringContaining('mixed.example.com resolves to 10.0.0.5, not a public internet address (10.0.0.5 is a private address (10.0.0.0/8))'),
    });
    expect(await checkResolvesPublic('https://metadata.example.com', resolve)).toMatchObject({ ok: false, message: expect.stringContaining('169.254.0.0/16') });
    expect(await checkResolvesPublic('https://mapped.example.com', resolve)).toMatchObject({ ok: false, message: expect.stringContaining('IPv4-mapped') });
  });

  it('does not look up IP literals, and refuses private ones and private names without a lookup', async () => {
    const lookups: string[] = [];
    const counting: HostResolver = async (host) => {
      lookups.push(host);
      return ['140.82.112.3'];
    };
    expect(await checkResolvesPublic('https://140.82.112.3', counting)).toMatchObject({ ok: true });
    expect(await checkResolvesPublic('https://[2606:4700::1111]', counting)).toMatchObject({ ok: true });
    expect(await checkHostResolvesPublic('localhost.', counting)).toMatchObject({ ok: false, kind: 'not-public' });
    expect(await checkHostResolvesPublic('127.0.0.1', counting)).toMatchObject({ ok: false, kind: 'not-public' });
    expect(lookups).toEqual([]);
  });

  it('gives up on a lookup that does not answer', async () => {
    jest.useFakeTimers();
    try {
      const pending = checkHostResolvesPublic('slow.example.com', () => new Promise<string[]>(() => undefined));
      await jest.advanceTimersByTimeAsync(10_000);
      expect(await pending).toMatchObject({ ok: false, kind: 'unresolved' });
    } finally {
      jest.useRealTimers();
    }
  });
});
