import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Check } from './check.ts';
import { messageOf } from './check.ts';
import { readNginxSite } from './nginx-site.ts';
import { readableBy } from './readable-by.ts';

/** A certificate that ends sooner than this fails: time to renew it before browsers refuse it. */
const EXPIRY_WARNING_DAYS = 14;
const DAY_MS = 86_400_000;

/**
 * The TLS side of nginx for the site: its worker user can read the certificate and the key
 * (nginx refuses to start or reload with `BIO_new_file() failed … Permission denied` otherwise),
 * the certificate belongs to the key, and it does not end within EXPIRY_WARNING_DAYS.
 *
 * @example
 * const checks = await tlsChecks({ site: '/etc/nginx/sites-enabled/atum-desk.conf', conf: '/etc/nginx/nginx.conf' });
 */
export async function tlsChecks(paths: { site: string; conf: string }, now = new Date()): Promise<Check[]> {
  let site;
  try {
    site = await readNginxSite(paths.site, paths.conf);
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    return [
      {
        name: 'nginx site',
        ok: false,
        detail: missing
          ? `${paths.site} does not exist: enable the site (ln -s /etc/nginx/sites-available/atum-desk.conf /etc/nginx/sites-enabled/), pass --nginx-site FILE, or --skip-nginx when another proxy serves PUBLIC_URL`
          : `cannot read ${paths.site}: ${messageOf(err)}`,
      },
    ];
  }
  if (!site.certificate || !site.key) {
    return [{ name: 'nginx site', ok: false, detail: `${paths.site} has no ${site.certificate ? 'ssl_certificate_key' : 'ssl_certificate'} directive: PUBLIC_URL is https, so nginx must serve TLS` }];
  }
  const checks: Check[] = [{ name: 'nginx site', ok: true, detail: `${paths.site}: workers run as ${site.user}` }];
  for (const [name, file] of [
    ['tls certificate', site.certificate],
    ['tls key', site.key],
  ] as const) {
    const r = await readableBy(site.user, file);
    checks.push({
      name,
      ok: r.answer === 'yes',
      detail:
        r.answer === 'yes'
          ? `${file} readable by ${site.user}`
          : r.answer === 'no'
            ? `${file} is not readable by nginx's user ${site.user} (${r.why}): nginx fails with "BIO_new_file() failed … Permission denied"; e.g. chgrp ssl-cert ${file} && chmod 0640 ${file}, and adduser ${site.user} ssl-cert`
            : `${file}: ${r.why}`,
    });
  }
  checks.push(await pairCheck(site.certificate, site.key, now));
  return checks;
}

async function pairCheck(certFile: string, keyFile: string, now: Date): Promise<Check> {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(await readFile(certFile));
  } catch (err) {
    return { name: 'tls validity', ok: false, detail: `cannot read the certificate ${certFile}: ${messageOf(err)}` };
  }
  const ends = new Date(cert.validTo);
  const days = Math.floor((ends.getTime() - now.getTime()) / DAY_MS);
  let matches: boolean;
  try {
    matches = cert.checkPrivateKey(createPrivateKey(await readFile(keyFile)));
  } catch (err) {
    return { name: 'tls validity', ok: false, detail: `cannot read the key ${keyFile} as this user to compare it with the certificate: ${messageOf(err)} (run doctor as root)` };
  }
  if (!matches)
    return {
      name: 'tls validity',
      ok: false,
      detail: `${certFile} does not belong to the key ${keyFile}: nginx refuses to load them (key values mismatch); install the certificate issued for this key`,
    };
  if (days < EXPIRY_WARNING_DAYS) {
    return {
      name: 'tls validity',
      ok: false,
      detail: `${certFile} ${days < 0 ? 'expired' : 'expires'} ${ends.toISOString()} (${days < 0 ? `${-days} days ago` : `in ${days} days`}): renew it (certbot renew) and reload nginx`,
    };
  }
  return { name: 'tls validity', ok: true, detail: `certificate matches the key, valid until ${ends.toISOString()} (${days} days)` };
}
