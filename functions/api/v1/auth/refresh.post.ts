import * as v from 'valibot';
import { tooManyAttempts } from '#lib/auth/login.ts';
import { refreshSession } from '#lib/auth/sessions.ts';
import { createThrottle, REFRESH_IP } from '#lib/auth/throttle.ts';
import { clientOf } from '#lib/http/client.ts';
import { HttpError } from '#lib/http/errors.ts';
import type { MessageKey } from '#lib/i18n/locales.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { t } from '#lib/i18n/translate.ts';

const REASONS = {
  invalid: 'error.auth.refresh_invalid',
  expired: 'error.auth.refresh_expired',
  revoked: 'error.auth.refresh_revoked',
  reused: 'error.auth.refresh_reused',
} as const satisfies Record<string, MessageKey>;

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
      throw new HttpError(401, 'invalid_refresh_token', t('error.sign_in_again', { reason: t(REASONS[result.reason]) }));
    }
    return result.tokens;
  },
});
