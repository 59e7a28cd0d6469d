import type { AppDeps } from '#lib/app-env.ts';
import { audit } from '#lib/audit/record.ts';
import { parseToken } from '#lib/auth/opaque-token.ts';
import { hashPassword, passwordProblem } from '#lib/auth/password.ts';
import { withTenant, type Role } from '#lib/db/tenant.ts';
import { HttpError } from '#lib/http/errors.ts';
import { reader } from '#lib/i18n/reader.ts';
import { t } from '#lib/i18n/translate.ts';

export type AcceptResult = { status: 'accepted' | 'already_member'; email: string; role: Role; orgSlug: string };

/**
 * Accepts an invitation link. Someone new sets a password here; someone who already has an
 * account (through another org) keeps theirs and simply gains the membership.
 */
export async function acceptInvitation(deps: AppDeps, input: { token: string; name?: string | undefined; password?: string | undefined }, ip: string): Promise<AcceptResult> {
  const invalid = new HttpError(400, 'invalid_token', t('error.invitation_invalid'));
  const parsed = parseToken('invite', input.token);
  if (!parsed) throw invalid;
  if (input.password !== undefined) {
    const problem = passwordProblem(input.password);
    if (problem) throw new HttpError(400, 'weak_password', t('error.weak_password', { problem }), [{ path: 'password', message: problem }]);
  }
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  return withTenant(deps.unscoped, { orgId: parsed.orgId, userId: null, role: null }, async (tx) => {
    const [row] = await tx<{ status: string; user_id: string | null; email: string | null; role: Role | null }[]>`
      select * from app.accept_invitation(${parsed.hash}, ${passwordHash}, ${input.name ?? null})`;
    if (!row || row.status === 'invalid') throw invalid;
    if (row.status === 'password_required') throw new HttpError(400, 'password_required', t('error.password_required'), [{ path: 'password', message: t('error.problem.required_for_new_account') }]);
    // The org writes to them in the language their browser asked for, until they choose their own.
    const stated = reader().stated;
    if (stated) await tx`update memberships set locale = coalesce(locale, ${stated}) where org_id = ${parsed.orgId} and user_id = ${row.user_id}`;
    const [org] = await tx<{ slug: string }[]>`select slug from organizations where id = ${parsed.orgId}`;
    await audit(tx, parsed.orgId, { userId: row.user_id, ip }, { action: 'member.join', targetType: 'user', targetId: row.user_id!, details: { role: row.role } });
    return { status: row.status as AcceptResult['status'], email: row.email!, role: row.role!, orgSlug: org!.slug };
  });
}
