import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv } from '#lib/app-env.ts';
import { DEFAULT_LOCALE, localeOrNull } from './locales.ts';
import { localeFromAcceptLanguage } from './negotiate.ts';
import { forReader } from './reader.ts';

/** The cookie that keeps a visitor's choice of language before they sign in (POST /language). */
export const LANGUAGE_COOKIE = 'atum_lang';

/**
 * Every request is written for a reader: until the caller is known, the language chosen on a
 * sign-in page (the cookie) or else the browser's Accept-Language, in UTC. endpoint() refines it
 * to the signed-in person's own choice once their transaction has begun (lib/i18n/member-reader.ts).
 */
export function requestReader(): MiddlewareHandler<AppEnv> {
  return function requestReaderMiddleware(c, next) {
    const stated = localeOrNull(getCookie(c, LANGUAGE_COOKIE)) ?? localeFromAcceptLanguage(c.req.header('accept-language'));
    return forReader({ locale: stated ?? DEFAULT_LOCALE, timeZone: 'UTC', stated }, next);
  };
}
