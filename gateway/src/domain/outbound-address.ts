import { BlockList, isIP } from 'node:net';

/**
 * Where the gateway may send a webhook or an order's callback: public unicast addresses, loopback
 * where the rule allows it (the test environment: a developer's local receiver), and the networks the
 * operator names. Every other address is internal and refused, whatever its spelling: hosts are read
 * through the WHATWG URL parser (which turns `2130706433`, `0177.0.0.1`, `0x7f.1` and `127.1` into
 * `127.0.0.1`), and IPv6 addresses that carry an IPv4 one are judged by the IPv4 one.
 */
export interface OutboundRule {
  readonly loopback: boolean;
  /** Networks the operator allows although they are internal (receivers on a private network). */
  readonly allowed: BlockList;
}

export type AddressClass = 'public' | 'loopback' | 'internal';

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** Everything that is not public unicast (IANA special-purpose registries), loopback apart. */
const INTERNAL = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network", 0.0.0.0 reaches the local host
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['169.254.0.0', 16], // link-local, the cloud metadata address
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the broadcast address
] as const)
  INTERNAL.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['100::', 64], // discard
  ['2001::', 23], // IETF protocol assignments, Teredo among them
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4
  ['64:ff9b:1::', 48], // local-use NAT64
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const)
  INTERNAL.addSubnet(net, prefix, 'ipv6');

const family = (address: string): 'ipv4' | 'ipv6' => (isIP(address) === 6 ? 'ipv6' : 'ipv4');

/** The eight 16-bit groups of a valid IPv6 address (with or without a dotted IPv4 tail). */
function ipv6Groups(address: string): number[] {
  const [head = '', tail] = address.split('::') as [string, string | undefined];
  const words = (part: string): number[] =>
    part === ''
      ? []
      : part.split(':').flatMap((w) => {
          if (!w.includes('.')) return [Number.parseInt(w, 16)];
          const [a = 0, b = 0, c = 0, d = 0] = w.split('.').map(Number);
          return [(a << 8) | b, (c << 8) | d];
        });
  const left = words(head);
  const right = tail === undefined ? [] : words(tail);
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/** The IPv4 address an IPv6 one stands for: IPv4-mapped, IPv4-compatible or well-known NAT64. */
function embeddedIpv4(address: string): string | undefined {
  if (isIP(address) !== 6) return undefined;
  const g = ipv6Groups(address.split('%')[0] as string);
  const v4 = () => `${(g[6] ?? 0) >> 8}.${(g[6] ?? 0) & 255}.${(g[7] ?? 0) >> 8}.${(g[7] ?? 0) & 255}`;
  const zeros = (from: number, to: number) => g.slice(from, to).every((w) => w === 0);
  if (zeros(0, 5) && g[5] === 0xffff) return v4();
  if (zeros(0, 6) && !zeros(6, 8) && !(g[6] === 0 && g[7] === 1)) return v4();
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return v4();
  return undefined;
}

/** Which kind of address this is; `address` must be an IP address (see `isIP`). */
export function classifyAddress(address: string): AddressClass {
  const bare = address.split('%')[0] as string;
  const inner = embeddedIpv4(bare);
  if (inner !== undefined) return classifyAddress(inner);
  if (LOOPBACK.check(bare, family(bare))) return 'loopback';
  if (INTERNAL.check(bare, family(bare))) return 'internal';
  return 'public';
}

export function addressAllowed(address: string, rule: OutboundRule): boolean {
  const bare = address.split('%')[0] as string;
  if (isIP(bare) === 0) return false;
  const inner = embeddedIpv4(bare);
  if (rule.allowed.check(bare, family(bare)) || (inner !== undefined && rule.allowed.check(inner, 'ipv4'))) return true;
  const kind = classifyAddress(bare);
  return kind === 'public' || (kind === 'loopback' && rule.loopback);
}

/** A URL's host as the connection will use it: an IP address without brackets, or a lower-case name without the root dot. */
export function hostOf(url: URL): { ip: string } | { name: string } {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(host) !== 0) return { ip: host };
  return { name: host.replace(/\.$/, '').toLowerCase() };
}

/** Names that mean this host whatever DNS says (RFC 6761). */
const isLocalhostName = (name: string) => name === 'localhost' || name.endsWith('.localhost');

/**
 * The verdict on a URL before any lookup: an IP literal is judged now; a name is judged at delivery,
 * on every address it resolves to, except `localhost`, which is loopback.
 */
export function urlAllowed(url: URL, rule: OutboundRule): boolean {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  const host = hostOf(url);
  if ('ip' in host) return addressAllowed(host.ip, rule);
  return !isLocalhostName(host.name) || rule.loopback;
}

/** A network as `address/prefix` (or a single address), or undefined when it is not one. */
export function parseCidr(text: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | undefined {
  const [address = '', prefixText, ...rest] = text.trim().split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return undefined;
  const max = version === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max) return undefined;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/** The operator's allowed networks as a BlockList; every entry must parse (config checks it first). */
export function networkList(cidrs: readonly string[]): BlockList {
  const list = new BlockList();
  for (const text of cidrs) {
    const cidr = parseCidr(text);
    if (!cidr) throw new Error(`Not a network: ${text}`);
    list.addSubnet(cidr.address, cidr.prefix, cidr.family);
  }
  return list;
}
