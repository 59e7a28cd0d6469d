import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { InvalidTokenError, verifyAccessToken } from './access-token.ts';

/**
 * Sets `c.var.caller` from an `Authorization: Bearer` access token. A missing or bad token
 * leaves the caller anonymous (with the reason kept), so public routes still work and
 * protected ones can answer 401 with it.
 */
export function resolveCaller(): MiddlewareHandler<AppEnv> {
  return async function resolveCallerMiddleware(c, next) {
    const header = c.req.header('authorization');
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match?.[1]) {
      c.set('caller', header ? { kind: 'anonymous', authError: 'the Authorization header must be "Bearer <token>"' } : { kind: 'anonymous' });
      return next();
    }
    try {
      const claims = await verifyAccessToken(c.var.deps.tokenKeys, match[1]);
      c.set('caller', { kind: 'member', ...claims });
    } catch (err) {
      if (!(err instanceof InvalidTokenError)) throw err;
      c.set('caller', { kind: 'anonymous', authError: err.message });
    }
    return next();
  };
}
