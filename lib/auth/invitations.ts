import type { AppDeps } from '#lib/app-env.ts';
import { audit } from '#lib/audit.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import { withTenant, type Role } from '#lib/db/tenant.ts';
import { HttpError } from '#lib/http/errors.ts';
import { enqueueMail } from '#lib/outbox.ts';
import { mintToken, parseToken } from './opaque-token.ts';
import { hashPassword, passwordProblem } from './password.ts';

export const INVITATION_TTL_DAYS = 7;

export interface Invitation {
  id: string;
  email: string;
  role: Role;
  created_at: Date;
  expires_at: Date;
}

/**
 * Invites an email to the org with a role: a single-use link, valid for a week, goes to the
 * outbox. A pending invitation for the same email is replaced, so only the newest link works.
 *
 * @example
 * const invitation = await createInvitation(tx, deps, { orgId, userId, ip }, { email, role: 'agent' });
 */
export async function createInvitation(tx: TransactionSql, deps: AppDeps, by: { orgId: string; userId: string; ip: string }, input: { email: string; role: Role }): Promise<Invitation> {
  // A customer added by address (not confirmed yet, sql/023) may be invited: accepting confirms them.
  const [member] = await tx`select 1 as ok from people where lower(email) = lower(${input.email}) and confirmed`;
  if (member) throw new HttpError(409, 'already_member', `${input.email} is already a member of this organization`);
  await tx`update invitations set revoked_at = now() where lower(email) = lower(${input.email}) and accepted_at is null and revoked_at is null`;
  const { token, hash } = mintToken('invite', by.orgId);
  const [invitation] = await tx<Invitation[]>`
    insert into invitations (org_id, email, role, token_hash, invited_by, expires_at)
    values (${by.orgId}, ${input.email}, ${input.role}, ${hash}, ${by.userId}, now() + make_interval(days => ${INVITATION_TTL_DAYS}))
    returning id, email, role, created_at, expires_at`;
  const [org] = await tx<{ name: string; inviter: string }[]>`
    select o.name, coalesce(nullif(u.name, ''), u.email) as inviter from organizations o, users u where o.id = ${by.orgId} and u.id = ${by.userId}`;
  const link = `${deps.config.publicUrl}/invite?token=${encodeURIComponent(token)}`;
  await enqueueMail(tx, by.orgId, {
    kind: 'invitation',
    to: input.email,
    subject: `${org!.inviter} invited you to ${org!.name} on ATUM DESK`,
    text: `${org!.inviter} invited you to join ${org!.name} on ATUM DESK as ${input.role}.\n\nAccept here; the link works once, for ${INVITATION_TTL_DAYS} days:\n${link}\n`,
  });
  await audit(tx, by.orgId, { userId: by.userId, ip: by.ip }, { action: 'member.invite', targetType: 'invitation', targetId: invitation!.id, details: { email: input.email, role: input.role } });
  return invitation!;
}

export type AcceptResult = { status: 'accepted' | 'already_member'; email: string; role: Role; orgSlug: string };

/**
 * Accepts an invitation link. Someone new sets a password here; someone who already has an
 * account (through another org) keeps theirs and simply gains the membership.
 */
export async function acceptInvitation(deps: AppDeps, input: { token: string; name?: string | undefined; password?: string | undefined }, ip: string): Promise<AcceptResult> {
  const invalid = new HttpError(400, 'invalid_token', 'This invitation is not valid: it may have expired, been used or been withdrawn. Ask for a new one.');
  const parsed = parseToken('invite', input.token);
  if (!parsed) throw invalid;
  if (input.password !== undefined) {
    const problem = passwordProblem(input.password);
    if (problem) throw new HttpError(400, 'weak_password', `The password ${problem}`, [{ path: 'password', message: problem }]);
  }
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  return withTenant(deps.unscoped, { orgId: parsed.orgId, userId: null, role: null }, async (tx) => {
    const [row] = await tx<{ status: string; user_id: string | null; email: string | null; role: Role | null }[]>`
      select * from app.accept_invitation(${parsed.hash}, ${passwordHash}, ${input.name ?? null})`;
    if (!row || row.status === 'invalid') throw invalid;
    if (row.status === 'password_required') throw new HttpError(400, 'password_required', 'Choose a password to create your account', [{ path: 'password', message: 'is required for a new account' }]);
    const [org] = await tx<{ slug: string }[]>`select slug from organizations where id = ${parsed.orgId}`;
    await audit(tx, parsed.orgId, { userId: row.user_id, ip }, { action: 'member.join', targetType: 'user', targetId: row.user_id!, details: { role: row.role } });
    return { status: row.status as AcceptResult['status'], email: row.email!, role: row.role!, orgSlug: org!.slug };
  });
}
