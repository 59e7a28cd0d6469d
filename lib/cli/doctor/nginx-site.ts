import { readFile } from 'node:fs/promises';

/** Where install.sh enables the site, and nginx's main file on Debian. */
export const DEFAULT_NGINX_SITE = '/etc/nginx/sites-enabled/atum-desk.conf';
export const DEFAULT_NGINX_CONF = '/etc/nginx/nginx.conf';
/** Debian's nginx.conf sets this; doctor assumes it when the file names no `user`. */
const DEFAULT_NGINX_USER = 'www-data';

/** What doctor needs from nginx's configuration: who its workers run as, and the TLS files of the site. */
export interface NginxSite {
  user: string;
  certificate: string | null;
  key: string | null;
}

// Comments run from # to the end of the line; quotes around a value are nginx syntax, not part of it.
const stripComments = (text: string) => text.replace(/#[^\n]*/g, '');
const unquote = (value: string) => value.replace(/^(["'])(.*)\1$/, '$2');

function directive(text: string, name: string): string | null {
  const m = new RegExp(`(?:^|[;{}\\s])${name}\\s+([^;\\s]+)[^;]*;`).exec(text);
  return m ? unquote(m[1]!) : null;
}

/**
 * Reads nginx's worker user from `confPath` (`user www-data;`; a missing file or directive
 * means www-data) and the first ssl_certificate and ssl_certificate_key of the site file.
 * A missing site file throws (ENOENT), for the caller to word.
 *
 * @example
 * const site = await readNginxSite('/etc/nginx/sites-enabled/atum-desk.conf', '/etc/nginx/nginx.conf');
 * // { user: 'www-data', certificate: '/etc/ssl/certs/atum-desk.crt', key: '/etc/ssl/private/atum-desk.key' }
 */
export async function readNginxSite(sitePath: string, confPath: string): Promise<NginxSite> {
  const site = stripComments(await readFile(sitePath, 'utf8'));
  const conf = await readFile(confPath, 'utf8').then(stripComments, () => '');
  return {
    user: directive(conf, 'user') ?? DEFAULT_NGINX_USER,
    certificate: directive(site, 'ssl_certificate'),
    key: directive(site, 'ssl_certificate_key'),
  };
}
