import * as v from 'valibot';
import { requestPasswordReset } from '#lib/auth/password-reset.ts';
import { email, orgSlug } from '#lib/http/schemas.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/** POST /api/v1/auth/password/forgot — `{org, email}`; always 202, whether or not the account exists. */
export default endpoint({
  auth: 'public',
  transaction: false,
  body: v.object({ org: orgSlug, email }),
  async handler({ c, body }) {
    await requestPasswordReset(c.var.deps, body, c.var.clientIp);
    return c.json({ status: 'accepted', message: 'If that account exists, a reset link is on its way' }, 202);
  },
});
