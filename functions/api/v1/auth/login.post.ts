import * as v from 'valibot';
import { passwordLogin } from '#lib/auth/login.ts';
import { clientOf } from '#lib/http/client.ts';
import { email, orgSlug, password } from '#lib/http/schemas.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/**
 * POST /api/v1/auth/login — `{org, email, password}` gives a token pair, or
 * `{mfa_required: true, mfa_token}` when the account has 2FA (then POST /api/v1/auth/mfa).
 */
export default endpoint({
  auth: 'public',
  transaction: false,
  body: v.object({ org: orgSlug, email, password }),
  async handler({ c, body }) {
    const outcome = await passwordLogin(c.var.deps, body, clientOf(c));
    if (outcome.kind === 'mfa') return { mfa_required: true, mfa_token: outcome.mfaToken };
    return { ...outcome.tokens, mfa_setup_required: outcome.mfaSetupRequired };
  },
});
