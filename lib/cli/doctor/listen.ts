import { readFile } from 'node:fs/promises';
import type { Check } from './check.ts';

/** A listening TCP socket as the kernel lists it. */
export interface Listener {
  address: string;
  port: number;
}

// /proc/net/tcp{,6} write each 32-bit word of an address in host (little-endian) byte order.
const wordBytes = (hex: string) => [hex.slice(6, 8), hex.slice(4, 6), hex.slice(2, 4), hex.slice(0, 2)].map((b) => parseInt(b, 16));

function decode(hex: string): string {
  if (hex.length === 8) return wordBytes(hex).join('.');
  const bytes = [0, 8, 16, 24].flatMap((i) => wordBytes(hex.slice(i, i + 8)));
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) return `::ffff:${bytes.slice(12).join('.')}`;
  const groups = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  return groups
    .join(':')
    .replace(/(^|:)0(:0)+(:|$)/, '::')
    .replace(/:{3,}/, '::');
}

/**
 * Every TCP socket in LISTEN state on this host's network namespace (what `ss -ltn` shows),
 * read from /proc/net/tcp and /proc/net/tcp6, so it needs no privilege and no `ss`.
 *
 * @example
 * (await listeningSockets()).filter((l) => l.port === 8000); // [{ address: '127.0.0.1', port: 8000 }]
 */
export async function listeningSockets(): Promise<Listener[]> {
  const out: Listener[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await readFile(file, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (state !== '0A' || !local) continue; // 0A: TCP_LISTEN
      const [addr, port] = local.split(':');
      out.push({ address: decode(addr!), port: parseInt(port!, 16) });
    }
  }
  return out;
}

const isLoopback = (a: string) => /^127\./.test(a) || a === '::1' || /^::ffff:127\./.test(a);
const shown = (l: Listener) => (l.address.includes(':') ? `[${l.address}]:${l.port}` : `${l.address}:${l.port}`);

/**
 * The API's real sockets on `port`. Behind a proxy (`behindProxy`: PUBLIC_URL is https, or on
 * another port) the API must listen on loopback only: any other address (0.0.0.0, ::, a LAN
 * address) lets clients past nginx, around its TLS and its headers. Nothing listening fails too.
 *
 * @example
 * apiListenCheck(await listeningSockets(), 8000, true);
 */
export function apiListenCheck(sockets: Listener[], port: number, behindProxy: boolean): Check {
  const mine = sockets.filter((l) => l.port === port);
  if (!mine.length) return { name: 'api listening', ok: false, detail: `nothing listens on port ${port} (PORT): is the API running? (systemctl status atum-api)` };
  const open = mine.filter((l) => !isLoopback(l.address));
  if (open.length && behindProxy) {
    return {
      name: 'api listening',
      ok: false,
      detail: `the API listens on ${open.map(shown).join(', ')}, reachable from other hosts past the proxy in front of PUBLIC_URL: set HOST=127.0.0.1 in the env file and restart atum-api`,
    };
  }
  return { name: 'api listening', ok: true, detail: `${mine.map(shown).join(', ')}${open.length ? ' (PUBLIC_URL is served by the API itself)' : ' (loopback only)'}` };
}
