import * as v from 'valibot';
import { acceptInvitation } from '#lib/invitations/accept.ts';
import { password } from '#lib/http/schemas.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/**
 * POST /api/v1/auth/invitations/accept — `{token, name?, password?}`. A password is needed only
 * when the email has no account yet. Sign in afterwards with POST /api/v1/auth/login.
 */
export default endpoint({
  auth: 'public',
  transaction: false,
  body: v.object({
    token: v.pipe(v.string(), v.maxLength(512)),
    name: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200))),
    password: v.optional(password),
  }),
  async handler({ c, body }) {
    const result = await acceptInvitation(c.var.deps, body, c.var.clientIp);
    return c.json({ status: result.status, email: result.email, role: result.role, org: result.orgSlug }, 201);
  },
});
