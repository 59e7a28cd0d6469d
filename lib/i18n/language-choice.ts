import type { Context } from 'hono';
import { setCookie } from 'hono/cookie';
import { isHtmx, localPath } from '#lib/http/page-redirect.ts';
import type { Locale } from './locales.ts';
import { LANGUAGE_COOKIE } from './request-reader.ts';

/**
 * Remembers a language on this browser too (so the sign-in page after a sign-out keeps it), and
 * sends the browser back to the page it was on (a Referer of this site, PUBLIC_URL): htmx reloads
 * it, a plain form post follows a 303.
 */
export function afterLanguageChoice(c: Context, locale: Locale, publicUrl: string): Response {
  setCookie(c, LANGUAGE_COOKIE, locale, { path: '/', sameSite: 'Lax', httpOnly: true, maxAge: 365 * 24 * 3600, secure: c.req.url.startsWith('https:') });
  if (isHtmx(c)) return c.body(null, 204, { 'HX-Refresh': 'true' });
  let back: string | undefined;
  try {
    const referer = c.req.header('referer');
    if (referer) {
      const url = new URL(referer);
      if (url.origin === new URL(publicUrl).origin) back = localPath(url.pathname + url.search);
    }
  } catch {
    back = undefined;
  }
  return c.redirect(back ?? '/', 303);
}
