import * as v from 'valibot';
import { tooManyAttempts } from '#lib/auth/login.ts';
import { refreshSession } from '#lib/auth/sessions.ts';
import { createThrottle, REFRESH_IP } from '#lib/auth/throttle.ts';
import { clientOf } from '#lib/http/client.ts';
import { HttpError } from '#lib/http/errors.ts';
import { endpoint } from '#lib/router/endpoint.ts';

const REASONS = {
  invalid: 'the refresh token is not valid',
  expired: 'the session has expired',
  revoked: 'the session has been signed out',
  reused: 'the refresh token had already been used, so the session has been signed out everywhere',
} as const;

/** POST /api/v1/auth/refresh — `{refresh_token}` gives a new pair; the presented token is spent. */
export default endpoint({
  auth: 'public',
  transaction: false,
  body: v.object({ refresh_token: v.pipe(v.string(), v.maxLength(512)) }),
  async handler({ c, body }) {
    const throttle = createThrottle(c.var.deps.kv, REFRESH_IP);
    const state = await throttle.check(c.var.clientIp);
    if (!state.allowed) throw tooManyAttempts(state.retryAfterSeconds);
    const result = await refreshSession(c.var.deps.unscoped, c.var.deps.tokenKeys, body.refresh_token, clientOf(c));
    if (!result.ok) {
      await throttle.fail(c.var.clientIp);
      throw new HttpError(401, 'invalid_refresh_token', `Sign in again: ${REASONS[result.reason]}`);
    }
    return result.tokens;
  },
});
