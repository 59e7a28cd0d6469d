import type { Context } from 'hono';
import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** One parsed CIDR range: the network address and its prefix length. */
type CidrRange = readonly [Address, number];

/**
 * The proxies whose `X-Forwarded-For` is believed, parsed once from TRUSTED_PROXIES.
 * Empty means: trust nobody, the socket peer is the client.
 *
 * @example
 * const trusted: TrustedProxies = parseCidrList('127.0.0.1, ::1');
 */
export type TrustedProxies = readonly CidrRange[];

/**
 * A TRUSTED_PROXIES or allowlist entry that is neither an IP address nor a CIDR range.
 *
 * @example
 * try { parseCidrList('10.0.0.0/33'); } catch (err) { if (err instanceof CidrError) err.entry; } // '10.0.0.0/33'
 */
export class CidrError extends Error {
  override name = 'CidrError';
  constructor(readonly entry: string) {
    super(`not an IP address or CIDR range: ${JSON.stringify(entry)}`);
  }
}

/**
 * Parses a comma or space separated list of IPv4/IPv6 CIDRs or bare addresses (a bare address
 * is /32 or /128). IPv4-mapped IPv6 ranges of /96 or longer become their IPv4 range.
 * Throws a CidrError naming the first bad entry.
 *
 * @example
 * parseCidrList('10.0.0.0/8 ::1, ::ffff:192.168.1.0/120'); // [[10.0.0.0, 8], [::1, 128], [192.168.1.0, 24]]
 * parseCidrList('10.0.0.0/33'); // throws: not an IP address or CIDR range: "10.0.0.0/33"
 */
export function parseCidrList(value: string): TrustedProxies {
  const ranges: CidrRange[] = [];
  for (const entry of value.split(/[\s,]+/)) {
    if (entry === '') continue;
    const range = parseCidr(entry);
    if (!range) throw new CidrError(entry);
    ranges.push(range);
  }
  return ranges;
}

/**
 * Whether `ip` lies in any of `cidrs`. An unparseable `ip` or an empty list is false; a bad
 * CIDR throws, as in parseCidrList, so a typo in an allowlist is loud rather than silently closed.
 *
 * @example
 * ipInCidrs('::ffff:10.1.2.3', ['10.0.0.0/8']); // true
 * ipInCidrs('10.1.2.3', []); // false
 */
export function ipInCidrs(ip: string, cidrs: string[]): boolean {
  const address = parseAddress(ip);
  return address !== null && inRanges(address, parseCidrList(cidrs.join(',')));
}

/**
 * The client's IP address, normalized (IPv4 dotted, IPv6 compressed, IPv4-mapped as IPv4).
 * `X-Forwarded-For` is read only when the socket peer is a trusted proxy, and then from the
 * right: each trusted hop appended the address it saw, so the first untrusted address from the
 * right is the last one a trusted hop vouches for; everything left of it is client-supplied.
 *
 * @example
 * // nginx on the same host, request from 203.0.113.9 that sent its own "X-Forwarded-For: 1.2.3.4":
 * // peer 127.0.0.1, header "1.2.3.4, 203.0.113.9"
 * clientIp(c, parseCidrList('127.0.0.1')); // '203.0.113.9'
 */
export function clientIp(c: Context, trusted: TrustedProxies): string {
  const raw = peerAddress(c);
  // Link-local peers carry a zone ("fe80::1%eth0"); it names our interface, not the client.
  const peer = raw === undefined ? null : parseAddress(raw.replace(/%.*$/, ''));
  // A socket that closed before we asked has no address, and then nothing vouches for the header.
  if (!peer) return raw ?? '127.0.0.1';
  if (!inRanges(peer, trusted)) return peer.toString();
  let current = peer;
  const hops = (c.req.header('x-forwarded-for') ?? '').split(',');
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = parseAddress(hops[i]!.trim());
    // A hop we cannot read (or no header at all) was written by someone we cannot vouch for:
    // stop at the last address a trusted hop gave us.
    if (!hop) break;
    current = hop;
    if (!inRanges(hop, trusted)) break;
  }
  return current.toString();
}

/**
 * node-server puts the IncomingMessage in env (or env.server when the app is mounted). Hono's
 * app.request() has none: that is a test or an in-process call, which counts as 127.0.0.1.
 */
function peerAddress(c: Context): string | undefined {
  const env = c.env as { incoming?: NodeSocketHolder; server?: { incoming?: NodeSocketHolder } } | undefined;
  const incoming = env?.server?.incoming ?? env?.incoming;
  return incoming ? incoming.socket?.remoteAddress : '127.0.0.1';
}

interface NodeSocketHolder {
  socket?: { remoteAddress?: string };
}

/**
 * Strict parsing: only four-part decimal IPv4 (ipaddr.js would also read "127.1" or octal
 * "010.0.0.1") and IPv6 without a zone; IPv4-mapped IPv6 becomes IPv4.
 */
function parseAddress(text: string): Address | null {
  if (text.includes(':')) {
    if (text.includes('%') || !ipaddr.IPv6.isValid(text)) return null;
    const v6 = ipaddr.IPv6.parse(text);
    return v6.isIPv4MappedAddress() ? v6.toIPv4Address() : v6;
  }
  return ipaddr.IPv4.isValidFourPartDecimal(text) ? ipaddr.IPv4.parse(text) : null;
}

function parseCidr(entry: string): CidrRange | null {
  const [addressText = '', prefixText, extra] = entry.split('/');
  if (extra !== undefined) return null;
  const address = parseAddress(addressText);
  if (!address) return null;
  const mapped = address.kind() === 'ipv4' && addressText.includes(':');
  const max = mapped ? 128 : address.kind() === 'ipv4' ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max) return null;
  if (!mapped) return [address, prefix];
  // "::ffff:10.0.0.0/104" is 10.0.0.0/8; a mapped range shorter than /96 reaches outside IPv4 and stays IPv6.
  return prefix >= 96 ? [address, prefix - 96] : [(address as ipaddr.IPv4).toIPv4MappedAddress(), prefix];
}

function inRanges(address: Address, ranges: TrustedProxies): boolean {
  return ranges.some(([network, prefix]) => {
    if (address.kind() === network.kind()) return address.match(network, prefix);
    // An IPv6 range such as ::/0 or ::ffff:0:0/96 also holds IPv4 addresses, in their mapped form.
    return address.kind() === 'ipv4' && (address as ipaddr.IPv4).toIPv4MappedAddress().match(network, prefix);
  });
}
