import * as v from 'valibot';
import { resetPassword } from '#lib/auth/password-reset.ts';
import { password } from '#lib/http/schemas.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/** POST /api/v1/auth/password/reset — `{token, password}` from the emailed link; signs out every session. */
export default endpoint({
  auth: 'public',
  transaction: false,
  body: v.object({ token: v.pipe(v.string(), v.maxLength(512)), password }),
  async handler({ c, body }) {
    await resetPassword(c.var.deps, body, c.var.clientIp);
    return c.body(null, 204);
  },
});
