import * as v from 'valibot';
import { completeMfaLogin } from '#lib/auth/mfa-login.ts';
import { clientOf } from '#lib/http/client.ts';
import { secondFactorCode } from '#lib/http/schemas.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/** POST /api/v1/auth/mfa — `{mfa_token, code}` (a TOTP code or a recovery code) gives a token pair. */
export default endpoint({
  auth: 'public',
  transaction: false,
  body: v.object({ mfa_token: v.pipe(v.string(), v.maxLength(2048)), code: secondFactorCode }),
  async handler({ c, body }) {
    const outcome = await completeMfaLogin(c.var.deps, body, clientOf(c));
    return { ...outcome.tokens, mfa_setup_required: false };
  },
});
