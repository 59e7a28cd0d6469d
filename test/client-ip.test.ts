import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { CidrError, clientIp, ipInCidrs, parseCidrList, type TrustedProxies } from '#lib/http/client-ip.ts';

/** What clientIp answers for a request from `peer` (undefined: no socket, as with app.request()). */
async function ipOf(trusted: TrustedProxies, peer: string | undefined, xff?: string): Promise<string> {
  const app = new Hono();
  app.get('/', (c) => c.text(clientIp(c, trusted)));
  const env = peer === undefined ? undefined : { incoming: { socket: { remoteAddress: peer } } };
  const res = await app.request('/', { headers: xff === undefined ? {} : { 'x-forwarded-for': xff } }, env);
  return res.text();
}

const nginx = parseCidrList('127.0.0.1, ::1');

describe('clientIp', () => {
  it('uses the socket peer when nobody is trusted, whatever the header says', async () => {
    expect(await ipOf([], '198.51.100.7', '1.2.3.4')).toBe('198.51.100.7');
    expect(await ipOf([], undefined, '1.2.3.4')).toBe('127.0.0.1');
  });

  it('takes the address a trusted proxy appended, not what the client put in front of it', async () => {
    expect(await ipOf(nginx, '127.0.0.1', '1.2.3.4, 203.0.113.9')).toBe('203.0.113.9');
    expect(await ipOf(nginx, '127.0.0.1', '203.0.113.9')).toBe('203.0.113.9');
  });

  it('ignores a spoofed header from a peer that is not trusted', async () => {
    expect(await ipOf(nginx, '198.51.100.7', '127.0.0.1')).toBe('198.51.100.7');
    expect(await ipOf(nginx, '198.51.100.7', '10.0.0.1, 203.0.113.9')).toBe('198.51.100.7');
  });

  it('uses the trusted peer itself when there is no header', async () => {
    expect(await ipOf(nginx, '127.0.0.1')).toBe('127.0.0.1');
    expect(await ipOf(nginx, '127.0.0.1', '')).toBe('127.0.0.1');
  });

  it('reads the peer from node-server bindings without a socket as 127.0.0.1 (app.request in tests)', async () => {
    expect(await ipOf(nginx, undefined, '203.0.113.9')).toBe('203.0.113.9');
  });

  it('handles IPv6 and returns it compressed', async () => {
    expect(await ipOf(nginx, '::1', '2001:DB8:0:0:0:0:0:1')).toBe('2001:db8::1');
    expect(await ipOf(parseCidrList('2001:db8:ffff::/48'), '2001:db8:ffff::10', '2001:db8::1, 2001:db8:ffff::20')).toBe('2001:db8::1');
    expect(await ipOf(nginx, '2001:db8:0:0::7', '1.2.3.4')).toBe('2001:db8::7');
    expect(await ipOf([], 'fe80::1%eth0')).toBe('fe80::1');
  });

  it('treats IPv4-mapped IPv6 as IPv4 for the peer, the header and the trusted list', async () => {
    expect(await ipOf(nginx, '::ffff:127.0.0.1', '::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(await ipOf(nginx, '::ffff:198.51.100.7', '1.2.3.4')).toBe('198.51.100.7');
    const mapped = parseCidrList('::ffff:10.0.0.0/104');
    expect(await ipOf(mapped, '10.1.2.3', '203.0.113.9')).toBe('203.0.113.9');
    expect(await ipOf(mapped, '::ffff:10.1.2.3', '::ffff:c633:6401')).toBe('198.51.100.1');
  });

  it('stops at a malformed entry and keeps the last good address', async () => {
    const lan = parseCidrList('10.0.0.0/8');
    expect(await ipOf(lan, '10.0.0.1', '1.2.3.4, garbage, 10.0.0.2')).toBe('10.0.0.2');
    expect(await ipOf(lan, '10.0.0.1', '1.2.3.4, 203.0.113.9:443')).toBe('10.0.0.1');
    // ipaddr.js alone would read "10.1" as 10.0.0.1 and octal "010.0.0.9" as 8.0.0.9.
    expect(await ipOf(lan, '10.0.0.1', '203.0.113.9, 10.1')).toBe('10.0.0.1');
    expect(await ipOf(lan, '10.0.0.1', '203.0.113.9, 010.0.0.9')).toBe('10.0.0.1');
    expect(await ipOf(lan, '10.0.0.1', '203.0.113.9,,10.0.0.2')).toBe('10.0.0.2');
  });

  it('skips several trusted hops, and takes the leftmost when every hop is trusted', async () => {
    const hops = parseCidrList('127.0.0.1 10.0.0.0/8');
    expect(await ipOf(hops, '127.0.0.1', '198.51.100.1, 203.0.113.9, 10.0.0.5, 10.0.0.6')).toBe('203.0.113.9');
    expect(await ipOf(hops, '127.0.0.1', '10.0.0.4, 10.0.0.5')).toBe('10.0.0.4');
  });

  it('does not believe the header when the socket has already closed and lost its address', async () => {
    const app = new Hono();
    app.get('/', (c) => c.text(clientIp(c, nginx)));
    const res = await app.request('/', { headers: { 'x-forwarded-for': '203.0.113.9' } }, { incoming: { socket: {} } });
    expect(await res.text()).toBe('127.0.0.1');
  });

  it('finds the socket where node-server puts it when the app is mounted (env.server)', async () => {
    const app = new Hono();
    app.get('/', (c) => c.text(clientIp(c, nginx)));
    const res = await app.request('/', { headers: { 'x-forwarded-for': '1.2.3.4' } }, { server: { incoming: { socket: { remoteAddress: '198.51.100.7' } } } });
    expect(await res.text()).toBe('198.51.100.7');
  });
});

describe('parseCidrList', () => {
  it('reads CIDRs and bare addresses separated by commas or spaces', () => {
    const ranges = parseCidrList(' 10.0.0.0/8,  ::1 ,192.168.1.7\t2001:db8::/32, ');
    expect(ranges.map(([a, p]) => `${a.toString()}/${p}`)).toEqual(['10.0.0.0/8', '::1/128', '192.168.1.7/32', '2001:db8::/32']);
    expect(parseCidrList('')).toEqual([]);
  });

  it('turns IPv4-mapped ranges into IPv4', () => {
    expect(parseCidrList('::ffff:10.0.0.1, ::ffff:192.168.0.0/112').map(([a, p]) => `${a.toString()}/${p}`)).toEqual(['10.0.0.1/32', '192.168.0.0/16']);
  });

  it.each(['nope', '10.0.0.0/33', '::1/129', '10.0.0.0/8/8', '10.0.0.0/', '10.0.0.0/x', '127.1', 'fe80::1%eth0', '[::1]'])('names the bad entry %j', (entry) => {
    expect(() => parseCidrList(`127.0.0.1, ${entry}`)).toThrow(new CidrError(entry));
    expect(() => parseCidrList(entry)).toThrow(`not an IP address or CIDR range: ${JSON.stringify(entry)}`);
  });
});

describe('ipInCidrs', () => {
  it('matches IPv4, IPv6 and mapped addresses, and nothing against an empty list', () => {
    expect(ipInCidrs('10.1.2.3', ['10.0.0.0/8'])).toBe(true);
    expect(ipInCidrs('::ffff:10.1.2.3', ['10.0.0.0/8'])).toBe(true);
    expect(ipInCidrs('11.0.0.1', ['10.0.0.0/8'])).toBe(false);
    expect(ipInCidrs('2001:db8::5', ['192.0.2.0/24', '2001:db8::/32'])).toBe(true);
    expect(ipInCidrs('10.1.2.3', ['::/0'])).toBe(true);
    expect(ipInCidrs('10.1.2.3', [])).toBe(false);
    expect(ipInCidrs('not an ip', ['0.0.0.0/0'])).toBe(false);
  });

  it('throws on a bad CIDR rather than quietly matching nothing', () => {
    expect(() => ipInCidrs('10.1.2.3', ['10.0.0.0/99'])).toThrow('"10.0.0.0/99"');
  });
});
