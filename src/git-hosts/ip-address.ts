import { isIP } from 'node:net';

/**
 * Whether an IP address is a global unicast address that a GitHub Enterprise server may have, judged by the
 * IANA special-purpose address registries (RFC 6890 and its updates):
 * https://www.iana.org/assignments/iana-ipv4-special-registry and
 * https://www.iana.org/assignments/iana-ipv6-special-registry.
 *
 * IPv4: every special-purpose block below is refused, whatever its "globally reachable" column says (192.0.0/24
 * holds two anycast services, 192.88.99/24 is the retired 6to4 relay anycast: no Git server lives there).
 * IPv6: only 2000::/3 (global unicast) is allowed, less its special-purpose blocks. Forms that carry an IPv4
 * address (IPv4-mapped, IPv4-compatible, NAT64 64:ff9b::/96, 6to4) are judged by the IPv4 address they carry,
 * since that is where a packet to them ends up.
 *
 * Written from the registries rather than taken from a package. ipaddr.js 2.5 (the usual choice) names these
 * blocks in `range()`, but calls everything outside its list "unicast" (IPv4-compatible ::a.b.c.d, and the
 * unassigned space outside 2000::/3 such as 4000::1), and answers "ipv4Mapped", "rfc6052" or "6to4" without
 * judging the IPv4 address inside; the decoding and the 2000::/3 rule would be ours anyway, and the app's
 * production dependencies stay the few SECURITY.md lists.
 */
export type AddressVerdict =
  | { global: true; address: string }
  | {
      global: false;
      address: string;
      /** The registry block, e.g. `127.0.0.0/8`. */
      block: string;
      /** Why, in words, e.g. `127.0.0.1 is a loopback address (127.0.0.0/8)`. */
      reason: string;
    };

interface Block {
  base: bigint;
  bits: number;
  cidr: string;
  name: string;
}

function v4Block(cidr: string, name: string): Block {
  const [base, bits] = cidr.split('/') as [string, string];
  return { base: BigInt(parseIPv4(base)!), bits: Number(bits), cidr, name };
}

function v6Block(cidr: string, name: string): Block {
  const [base, bits] = cidr.split('/') as [string, string];
  return { base: parseIPv6(base)!, bits: Number(bits), cidr, name };
}

/** The IANA IPv4 Special-Purpose Address Registry, plus multicast and limited broadcast; most specific first. */
const IPV4_BLOCKS: readonly Block[] = [
  v4Block('255.255.255.255/32', 'the limited broadcast address'),
  v4Block('0.0.0.0/8', 'an address of "this network"'),
  v4Block('10.0.0.0/8', 'a private address'),
  v4Block('100.64.0.0/10', 'a carrier-grade NAT (shared) address'),
  v4Block('127.0.0.0/8', 'a loopback address'),
  v4Block('169.254.0.0/16', 'a link-local address'),
  v4Block('172.16.0.0/12', 'a private address'),
  v4Block('192.0.0.0/24', 'an IETF protocol assignment, not a host address'),
  v4Block('192.0.2.0/24', 'a documentation address (TEST-NET-1)'),
  v4Block('192.88.99.0/24', 'the retired 6to4 relay anycast block'),
  v4Block('192.168.0.0/16', 'a private address'),
  v4Block('198.18.0.0/15', 'a network benchmarking address'),
  v4Block('198.51.100.0/24', 'a documentation address (TEST-NET-2)'),
  v4Block('203.0.113.0/24', 'a documentation address (TEST-NET-3)'),
  v4Block('224.0.0.0/4', 'a multicast address'),
  v4Block('240.0.0.0/4', 'a reserved address'),
];

/** IPv6 blocks with an IPv4 address inside: where it sits, as a shift from the low end of the 128 bits. */
const IPV6_EMBEDDING: readonly (Block & { shift: bigint })[] = [
  { ...v6Block('::ffff:0:0/96', 'an IPv4-mapped IPv6 address'), shift: 0n },
  { ...v6Block('64:ff9b::/96', 'a NAT64 address'), shift: 0n },
  // IPv4-compatible (deprecated); :: and ::1 are judged before this.
  { ...v6Block('::/96', 'an IPv4-compatible IPv6 address'), shift: 0n },
  { ...v6Block('2002::/16', 'a 6to4 address'), shift: 80n },
];

/** The IANA IPv6 Special-Purpose Address Registry and the other non-global blocks; most specific first. */
const IPV6_BLOCKS: readonly Block[] = [
  v6Block('::/128', 'the unspecified address'),
  v6Block('::1/128', 'the loopback address'),
  v6Block('64:ff9b:1::/48', 'a local-use NAT64 address'),
  v6Block('100::/64', 'a discard-only address'),
  v6Block('2001::/32', 'a Teredo tunnelling address'),
  v6Block('2001::/23', 'an IETF protocol assignment, not a host address'),
  v6Block('2001:db8::/32', 'a documentation address'),
  v6Block('3fff::/20', 'a documentation address'),
  v6Block('fc00::/7', 'a unique local (private) address'),
  v6Block('fe80::/10', 'a link-local address'),
  v6Block('fec0::/10', 'a site-local (private, deprecated) address'),
  v6Block('ff00::/8', 'a multicast address'),
];

const GLOBAL_UNICAST = v6Block('2000::/3', 'global unicast');

function inBlock(value: bigint, width: number, block: Block): boolean {
  const shift = BigInt(width - block.bits);
  return value >> shift === block.base >> shift;
}

/** A dotted-quad IPv4 address as a number, or null. Only the canonical form: other notations go through URL first. */
export function parseIPv4(text: string): number | null {
  if (isIP(text) !== 4) return null;
  return text.split('.').reduce((total, part) => total * 256 + Number(part), 0);
}

/** An IPv6 address (with or without brackets, a zone or a dotted IPv4 tail) as a 128-bit number, or null. */
export function parseIPv6(text: string): bigint | null {
  const bare = text.replace(/^\[(.*)\]$/, '$1');
  if (isIP(bare) !== 6) return null;
  // A zone (`fe80::1%eth0`) names an interface, not part of the address.
  const zone = bare.indexOf('%');
  let words = zone >= 0 ? bare.slice(0, zone) : bare;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(bare);
  if (dotted) {
    const v4 = parseIPv4(dotted[1]!);
    if (v4 === null) return null;
    words = `${bare.slice(0, -dotted[1]!.length)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const [head, tail, ...rest] = words.split('::');
  if (rest.length > 0) return null;
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail === undefined ? [] : tail ? tail.split(':') : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return null;
  const groups = [...headGroups, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...tailGroups];
  let value = 0n;
  for (const group of groups) {
    if (!/^[0-9a-f]{1,4}$/i.test(group)) return null;
    value = (value << 16n) | BigInt(parseInt(group, 16));
  }
  return value;
}

function formatIPv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 0xff).join('.');
}

const ipv4BlockOf = (value: number) => IPV4_BLOCKS.find((candidate) => inBlock(BigInt(value), 32, candidate));

/**
 * The verdict on one IP address, IPv4 (dotted quad) or IPv6 (any notation, brackets allowed). Anything that
 * is not an IP address is refused: names are resolved first, and every address they resolve to is judged.
 */
export function classifyAddress(input: string): AddressVerdict {
  const address = input
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  const v4 = parseIPv4(address);
  if (v4 !== null) {
    const block = ipv4BlockOf(v4);
    return block ? { global: false, address, block: block.cidr, reason: `${address} is ${block.name} (${block.cidr})` } : { global: true, address };
  }
  const v6 = parseIPv6(address);
  if (v6 === null) return { global: false, address, block: 'none', reason: `${address} is not an IP address` };
  // The unspecified and loopback addresses sit inside ::/96, so they are judged before the embedded forms.
  const exact = IPV6_BLOCKS.slice(0, 2).find((candidate) => inBlock(v6, 128, candidate));
  if (exact) return { global: false, address, block: exact.cidr, reason: `${address} is ${exact.name} (${exact.cidr})` };
  const embedding = IPV6_EMBEDDING.find((candidate) => inBlock(v6, 128, candidate));
  if (embedding) {
    const inner = Number((v6 >> embedding.shift) & 0xffffffffn);
    const block = ipv4BlockOf(inner);
    if (!block) return { global: true, address };
    return { global: false, address, block: block.cidr, reason: `${address} is ${embedding.name} (${embedding.cidr}) of ${formatIPv4(inner)}, ${block.name} (${block.cidr})` };
  }
  const block = IPV6_BLOCKS.find((candidate) => inBlock(v6, 128, candidate));
  if (block) return { global: false, address, block: block.cidr, reason: `${address} is ${block.name} (${block.cidr})` };
  if (!inBlock(v6, 128, GLOBAL_UNICAST)) {
    return { global: false, address, block: 'outside 2000::/3', reason: `${address} is outside the global unicast range (2000::/3)` };
  }
  return { global: true, address };
}

/** True only for a global unicast IP address. */
export function isGlobalAddress(address: string): boolean {
  return classifyAddress(address).global;
}
