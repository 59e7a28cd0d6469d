import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { ACCESS_TOKEN_TTL_SECONDS } from './access-token.ts';
import { SESSION_MAX_DAYS, type TokenPair } from './sessions.ts';

/**
 * Browsers carry the same session as API clients, in two HttpOnly, SameSite=Lax cookies. Over
 * https they get the `__Host-` prefix, which makes the browser insist on Secure, Path=/ and no
 * Domain, so a sibling subdomain cannot plant or overwrite them.
 */
export interface CookieNames {
  access: string;
  refresh: string;
  secure: boolean;
}

export function cookieNames(publicUrl: string): CookieNames {
  const secure = publicUrl.startsWith('https:');
  const prefix = secure ? '__Host-' : '';
  return { access: `${prefix}atum_at`, refresh: `${prefix}atum_rt`, secure };
}

/**
 * @example
 * setSessionCookies(c, cookieNames(config.publicUrl), tokens);
 */
export function setSessionCookies(c: Context, names: CookieNames, tokens: TokenPair): void {
  const base = { httpOnly: true, sameSite: 'Lax', secure: names.secure, path: '/' } as const;
  setCookie(c, names.access, tokens.access_token, { ...base, maxAge: ACCESS_TOKEN_TTL_SECONDS });
  setCookie(c, names.refresh, tokens.refresh_token, { ...base, maxAge: SESSION_MAX_DAYS * 86400 });
}

export function clearSessionCookies(c: Context, names: CookieNames): void {
  for (const name of [names.access, names.refresh]) deleteCookie(c, name, { path: '/', secure: names.secure });
}

export function readSessionCookies(c: Context, names: CookieNames): { access?: string; refresh?: string } {
  const access = getCookie(c, names.access);
  const refresh = getCookie(c, names.refresh);
  return { ...(access ? { access } : {}), ...(refresh ? { refresh } : {}) };
}
