import type { AppDeps } from '#lib/app-env.ts';
import { audit } from '#lib/audit/record.ts';
import { entryProofOf } from '#lib/db/pool.ts';
import { enterTenant, withTenant } from '#lib/db/tenant.ts';
import { HttpError } from '#lib/http/errors.ts';
import { forReader } from '#lib/i18n/reader.ts';
import { t } from '#lib/i18n/translate.ts';
import { enqueueMail } from '#lib/mail/outbound/enqueue-mail.ts';
import { recipientReader } from '#lib/mail/outbound/recipient-reader.ts';
import { orgIdBySlug, tooManyAttempts } from './login.ts';
import { mintToken, parseToken } from './opaque-token.ts';
import { hashPassword, passwordProblem } from './password.ts';
import { createThrottle, RESET_ACCOUNT, RESET_IP } from './throttle.ts';

export const RESET_TOKEN_TTL_MINUTES = 60;

/**
 * Sends a single-use reset link when the email belongs to a live member of the org, and does
 * nothing otherwise: the caller answers 202 either way, so the form reveals no account.
 *
 * @example
 * await requestPasswordReset(deps, { org: 'acme', email }, ip);
 */
export async function requestPasswordReset(deps: AppDeps, input: { org: string; email: string }, ip: string): Promise<void> {
  const ipThrottle = createThrottle(deps.kv, RESET_IP);
  const accountThrottle = createThrottle(deps.kv, RESET_ACCOUNT);
  const accountKey = `${input.org}:${input.email.toLowerCase()}`;
  for (const [throttle, key] of [
    [ipThrottle, ip],
    [accountThrottle, accountKey],
  ] as const) {
    const state = await throttle.check(key);
    if (!state.allowed) throw tooManyAttempts(state.retryAfterSeconds);
  }
  // Every request counts, found or not: the limit is on mail sent and on probing.
  await Promise.all([ipThrottle.fail(ip), accountThrottle.fail(accountKey)]);
  const orgId = await orgIdBySlug(deps.unscoped, input.org);
  if (!orgId) return;
  await withTenant(deps.unscoped, { orgId, userId: null, role: null }, async (tx) => {
    const [member] = await tx<{ user_id: string; disabled: boolean; org_name: string; email: string }[]>`
      select c.user_id, c.disabled, o.name as org_name, u.email
      from app.login_candidate(${input.email}) c join users u on u.id = c.user_id, organizations o where o.id = ${orgId}`;
    if (!member || member.disabled) return;
    const { token, hash } = mintToken('reset', orgId);
    await tx`
      insert into password_resets (org_id, token_hash, user_id, expires_at)
      values (${orgId}, ${hash}, ${member.user_id}, now() + make_interval(mins => ${RESET_TOKEN_TTL_MINUTES}))`;
    const link = `${deps.config.publicUrl}/reset?token=${encodeURIComponent(token)}`;
    // In the person's own language, not the language of whoever filled in the form.
    const mail = forReader(await recipientReader(tx, member.user_id), () => ({
      subject: t('mail.password_reset.subject', { org: member.org_name }),
      text: t('mail.password_reset.body', { email: member.email, org: member.org_name, minutes: RESET_TOKEN_TTL_MINUTES, link }),
    }));
    await enqueueMail(tx, orgId, { kind: 'password_reset', to: member.email, ...mail });
    await audit(tx, orgId, { userId: member.user_id, ip }, { action: 'auth.password_reset_requested' });
  });
}

/**
 * Sets a new password from a reset link, spends the link and signs the person out everywhere.
 * A bad, used or expired link gets one 400 answer.
 */
export async function resetPassword(deps: AppDeps, input: { token: string; password: string }, ip: string): Promise<void> {
  const problem = passwordProblem(input.password);
  if (problem) throw new HttpError(400, 'weak_password', t('error.weak_password', { problem }), [{ path: 'password', message: problem }]);
  const invalid = new HttpError(400, 'invalid_token', t('error.reset_link_invalid'));
  const parsed = parseToken('reset', input.token);
  if (!parsed) throw invalid;
  const passwordHash = await hashPassword(input.password);
  const done = await withTenant(deps.unscoped, { orgId: parsed.orgId, userId: null, role: null }, async (tx) => {
    const [reset] = await tx<{ user_id: string }[]>`
      update password_resets set used_at = now()
      where token_hash = ${parsed.hash} and used_at is null and expires_at > now() returning user_id`;
    if (!reset) return false;
    await enterTenant(tx, entryProofOf(deps.unscoped), { orgId: parsed.orgId, userId: reset.user_id, role: null, ip });
    await tx`update users set password_hash = ${passwordHash}, updated_at = now() where id = ${reset.user_id}`;
    await tx`select app.revoke_all_sessions_of_current_user('password_reset')`;
    await audit(tx, parsed.orgId, { userId: reset.user_id, ip }, { action: 'auth.password_reset' });
    return true;
  });
  if (!done) throw invalid;
}
