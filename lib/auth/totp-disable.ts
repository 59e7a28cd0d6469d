import type { AppDeps } from '#lib/app-env.ts';
import { audit } from '#lib/audit/record.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import type { MemberCaller } from './caller.ts';
import { disableTotp, verifySecondFactor } from './second-factor.ts';
import { createThrottle, MFA_USER } from './throttle.ts';
import { orgRequires2fa } from './totp-state.ts';

export type DisableOutcome = { kind: 'disabled' } | { kind: 'required_by_org' } | { kind: 'invalid_code' } | { kind: 'throttled'; retryAfterSeconds: number };

/**
 * Turns the caller's 2FA off with a current code (TOTP or recovery), unless the org requires it.
 * Wrong codes count against the same per-person throttle as the sign-in code step, so a stolen
 * session is not a way to guess codes. Shared by the API and the security page.
 *
 * @example
 * const outcome = await disableTotpWithCode(deps, db, caller, '123456', ip);
 */
export async function disableTotpWithCode(deps: AppDeps, db: TransactionSql, caller: MemberCaller, code: string, ip: string): Promise<DisableOutcome> {
  if (await orgRequires2fa(db, caller.orgId)) return { kind: 'required_by_org' };
  const throttle = createThrottle(deps.kv, MFA_USER);
  const state = await throttle.check(caller.userId);
  if (!state.allowed) return { kind: 'throttled', retryAfterSeconds: state.retryAfterSeconds };
  if (!(await verifySecondFactor(db, deps.tokenKeys, caller.userId, code))) {
    await throttle.fail(caller.userId);
    return { kind: 'invalid_code' };
  }
  await throttle.reset(caller.userId);
  await disableTotp(db, caller.userId);
  await audit(db, caller.orgId, { userId: caller.userId, ip }, { action: 'mfa.disable', targetType: 'user', targetId: caller.userId });
  return { kind: 'disabled' };
}
