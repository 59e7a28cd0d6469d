import type { AppDeps } from '#lib/app-env.ts';
import { audit } from '#lib/audit/record.ts';
import { withTenant } from '#lib/db/tenant.ts';
import { HttpError } from '#lib/http/errors.ts';
import { tooManyAttempts, type LoginOutcome } from './login.ts';
import { MFA_TOKEN_TTL_SECONDS, verifyMfaToken } from './mfa-token.ts';
import { verifySecondFactor } from './second-factor.ts';
import { createSession, type ClientInfo } from './sessions.ts';
import { createThrottle, MFA_USER } from './throttle.ts';
import { t } from '#lib/i18n/translate.ts';

/**
 * The second step of a 2FA sign-in: the MFA token from the password step plus a TOTP or
 * recovery code. Attempts are throttled per user, not per token or session, so starting over
 * with a fresh password login buys an attacker no extra guesses.
 *
 * @example
 * const outcome = await completeMfaLogin(deps, { mfa_token, code }, { ip, userAgent });
 */
export async function completeMfaLogin(deps: AppDeps, input: { mfa_token: string; code: string }, client: ClientInfo): Promise<Extract<LoginOutcome, { kind: 'tokens' }>> {
  const claims = await verifyMfaToken(deps.tokenKeys, input.mfa_token);
  if (!claims) throw new HttpError(401, 'invalid_mfa_token', t('error.mfa_sign_in_expired'));
  const spentKey = `mfa:spent:${claims.jti}`;
  if (await deps.kv.get(spentKey)) throw new HttpError(401, 'invalid_mfa_token', t('error.mfa_sign_in_completed'));
  const throttle = createThrottle(deps.kv, MFA_USER);
  const state = await throttle.check(claims.userId);
  if (!state.allowed) throw tooManyAttempts(state.retryAfterSeconds);

  const owner = { orgId: claims.orgId, userId: claims.userId, role: claims.role };
  const done = await withTenant(deps.unscoped, owner, async (tx) => {
    const [member] = await tx`
      select 1 as ok from memberships where user_id = ${owner.userId} and role = ${owner.role} and disabled_at is null`;
    if (!member) return null;
    const method = await verifySecondFactor(tx, deps.tokenKeys, owner.userId, input.code);
    if (!method) return null;
    const { sessionId, tokens } = await createSession(tx, deps.tokenKeys, owner, client);
    await audit(tx, owner.orgId, { userId: owner.userId, ip: client.ip }, { action: 'auth.login', targetType: 'session', targetId: sessionId, details: { method } });
    return { kind: 'tokens' as const, tokens, ...owner, mfaSetupRequired: false };
  });
  if (!done) {
    await throttle.fail(claims.userId);
    await withTenant(deps.unscoped, owner, (tx) => audit(tx, owner.orgId, { userId: owner.userId, ip: client.ip }, { action: 'auth.mfa_failed' }));
    throw new HttpError(401, 'invalid_code', t('error.code_wrong_or_used'));
  }
  await Promise.all([throttle.reset(claims.userId), deps.kv.set(spentKey, '1', MFA_TOKEN_TTL_SECONDS)]);
  return done;
}
