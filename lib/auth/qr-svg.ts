import { encode } from 'uqr';

/** The quiet zone the QR spec requires; uqr's default of 1 module makes some phone scanners fail. */
const QUIET_ZONE = 4;
/** Default rendered size of one module in CSS pixels; CSS may override width and height. */
const MODULE_PX = 4;

function escapeAttr(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A QR code as a self-contained SVG string (no script, no external references), so it can be
 * inlined into a page under a strict CSP. Medium error correction, 4-module quiet zone.
 * `label` becomes the aria-label; it defaults to something generic because `text` is
 * often an otpauth URI carrying a secret that a screen reader should not read out.
 * @example
 * const svg = qrSvg(totpUri({ secret, account, issuer }), 'QR code for your authenticator app');
 */
export function qrSvg(text: string, label = 'QR code'): string {
  const { size, data } = encode(text, { ecc: 'M', border: QUIET_ZONE });
  // One rectangle per horizontal run of dark modules keeps the path several times shorter than one per module.
  let d = '';
  data.forEach((row, y) => {
    for (let x = 0; x < size; x++) {
      if (!row[x]) continue;
      let run = 1;
      while (row[x + run]) run++;
      d += `M${x} ${y}h${run}v1h-${run}z`;
      x += run - 1;
    }
  });
  const px = size * MODULE_PX;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" width="${px}" height="${px}" ` +
    `role="img" aria-label="${escapeAttr(label)}" shape-rendering="crispEdges">` +
    `<rect width="${size}" height="${size}" fill="#fff"/><path fill="#000" d="${d}"/></svg>`
  );
}
