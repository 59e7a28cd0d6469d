import { describe, it, expect } from 'vitest';
import { encode } from 'uqr';
import { qrSvg } from '#lib/auth/qr-svg.ts';

const URI = 'otpauth://totp/ATUM%20DESK:ana%40example.com?issuer=ATUM%20DESK&secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&period=30';

/** The dark cells drawn by the SVG's path (`M x y h n v1 h-n z` runs). */
function darkCells(svg: string): Set<string> {
  const d = /<path[^>]* d="([^"]*)"/.exec(svg)?.[1] ?? '';
  const cells = new Set<string>();
  for (const [, x, y, n] of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\3z/g)) {
    for (let i = 0; i < Number(n); i++) cells.add(`${Number(x) + i},${y}`);
  }
  expect(d.replace(/M(\d+) (\d+)h(\d+)v1h-\3z/g, '')).toBe('');
  return cells;
}

describe('qrSvg', () => {
  const svg = qrSvg(URI);

  it('is a self-contained, accessible SVG', () => {
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(svg).not.toMatch(/<script|<foreignObject|href=|url\(|on\w+=/i);
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-label="QR code"');
  });

  it('draws exactly the modules uqr encodes (medium ECC, 4-module quiet zone)', () => {
    const qr = encode(URI, { ecc: 'M', border: 4 });
    expect(qr.size).toBe(4 * qr.version + 17 + 8);
    expect(qr.version).toBeGreaterThanOrEqual(5);
    expect(qr.version).toBeLessThanOrEqual(10);
    expect(svg).toContain(`viewBox="0 0 ${qr.size} ${qr.size}"`);
    const expected = new Set<string>();
    qr.data.forEach((row, y) => row.forEach((dark, x) => dark && expected.add(`${x},${y}`)));
    expect(darkCells(svg)).toEqual(expected);
    // The quiet zone is light: nothing drawn in the outer 4 modules.
    for (const cell of expected) {
      const [x, y] = cell.split(',').map(Number) as [number, number];
      expect(Math.min(x, y, qr.size - 1 - x, qr.size - 1 - y)).toBeGreaterThanOrEqual(4);
    }
  });

  it("uses medium error correction, not uqr's default low", () => {
    const text = 'x'.repeat(100);
    expect(encode(text, { ecc: 'M', border: 4 }).size).not.toBe(encode(text, { ecc: 'L', border: 4 }).size);
    expect(qrSvg(text)).toContain(`viewBox="0 0 ${encode(text, { ecc: 'M', border: 4 }).size} `);
  });

  it('escapes the label', () => {
    const labelled = qrSvg('hi', 'a "b" <c> & d');
    expect(labelled).toContain('aria-label="a &#34;b&#34; &#60;c&#62; &#38; d"');
    expect(labelled).not.toContain('<c>');
  });
});
