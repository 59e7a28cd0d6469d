import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '#lib/app-env.ts';
import { clientIp } from '#lib/http/client-ip.ts';
import { InvalidTokenError, verifyAccessToken } from './access-token.ts';
import type { Caller } from './caller.ts';
import { clearSessionCookies, cookieNames, readSessionCookies, setSessionCookies } from './cookies.ts';
import { parseToken, tokenKind } from './opaque-token.ts';
import { refreshSession } from './sessions.ts';
import { t } from '#lib/i18n/translate.ts';

/**
 * Sets `c.var.clientIp` and `c.var.caller`. An `Authorization: Bearer` header wins (an access
 * token or an API key); otherwise the session cookies count, and an expired access cookie is
 * renewed from the refresh cookie on the spot, so a page never bounces to sign-in mid-session.
 * A bad credential leaves the caller anonymous with the reason kept, so public routes still
 * work and protected ones can say why they answer 401.
 */
export function resolveCaller(): MiddlewareHandler<AppEnv> {
  return async function resolveCallerMiddleware(c, next) {
    c.set('clientIp', clientIp(c, c.var.deps.config.trustedProxies));
    const header = c.req.header('authorization');
    c.set('caller', header !== undefined ? await fromHeader(c, header) : await fromCookies(c));
    return next();
  };
}

async function fromHeader(c: Context<AppEnv>, header: string): Promise<Caller> {
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) return { kind: 'anonymous', authError: t('error.auth.bad_authorization_header', { form: 'Bearer <token>' }) };
  const token = match[1];
  if (tokenKind(token) === 'api_key') {
    const parsed = parseToken('api_key', token);
    return parsed ? { kind: 'api_key', orgId: parsed.orgId, tokenHash: parsed.hash } : { kind: 'anonymous', authError: t('error.auth.api_key_malformed') };
  }
  try {
    return { kind: 'member', via: 'bearer', ...(await verifyAccessToken(c.var.deps.tokenKeys, token)) };
  } catch (err) {
    if (!(err instanceof InvalidTokenError)) throw err;
    return { kind: 'anonymous', authError: err.message };
  }
}

async function fromCookies(c: Context<AppEnv>): Promise<Caller> {
  const { deps } = c.var;
  const names = cookieNames(deps.config.publicUrl);
  const cookies = readSessionCookies(c, names);
  if (cookies.access) {
    try {
      return { kind: 'member', via: 'cookie', ...(await verifyAccessToken(deps.tokenKeys, cookies.access)) };
    } catch (err) {
      if (!(err instanceof InvalidTokenError)) throw err;
    }
  }
  if (!cookies.refresh) return { kind: 'anonymous' };
  const result = await refreshSession(deps.unscoped, deps.tokenKeys, cookies.refresh, { ip: c.var.clientIp, userAgent: c.req.header('user-agent') });
  if (!result.ok) {
    clearSessionCookies(c, names);
    return { kind: 'anonymous', authError: t('error.auth.session_ended') };
  }
  setSessionCookies(c, names, result.tokens);
  return { kind: 'member', via: 'cookie', ...result.owner, sessionId: result.sessionId };
}
