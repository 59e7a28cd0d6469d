import type { AppDeps } from '#lib/app-env.ts';
import { audit } from '#lib/audit/record.ts';
import { mintToken } from '#lib/auth/opaque-token.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import type { Role } from '#lib/db/tenant.ts';
import { HttpError } from '#lib/http/errors.ts';
import { roleLabel } from '#lib/i18n/labels.ts';
import { forReader } from '#lib/i18n/reader.ts';
import { t } from '#lib/i18n/translate.ts';
import { enqueueMail } from '#lib/mail/outbound/enqueue-mail.ts';
import { recipientReader } from '#lib/mail/outbound/recipient-reader.ts';

const INVITATION_TTL_DAYS = 7;

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
  if (member) throw new HttpError(409, 'already_member', t('error.already_member', { email: input.email }));
  await tx`update invitations set revoked_at = now() where lower(email) = lower(${input.email}) and accepted_at is null and revoked_at is null`;
  const { token, hash } = mintToken('invite', by.orgId);
  const [invitation] = await tx<Invitation[]>`
    insert into invitations (org_id, email, role, token_hash, invited_by, expires_at)
    values (${by.orgId}, ${input.email}, ${input.role}, ${hash}, ${by.userId}, now() + make_interval(days => ${INVITATION_TTL_DAYS}))
    returning id, email, role, created_at, expires_at`;
  const [org] = await tx<{ name: string; inviter: string }[]>`
    select o.name, coalesce(nullif(u.name, ''), u.email) as inviter from organizations o, users u where o.id = ${by.orgId} and u.id = ${by.userId}`;
  const link = `${deps.config.publicUrl}/invite?token=${encodeURIComponent(token)}`;
  // The org's language: nothing is known yet of the invitee's own.
  const values = { inviter: org!.inviter, org: org!.name };
  const mail = forReader(await recipientReader(tx, null), () => ({
    subject: t('mail.invitation.subject', values),
    text: t('mail.invitation.body', { ...values, role: roleLabel(input.role), days: INVITATION_TTL_DAYS, link }),
  }));
  await enqueueMail(tx, by.orgId, { kind: 'invitation', to: input.email, ...mail });
  await audit(tx, by.orgId, { userId: by.userId, ip: by.ip }, { action: 'member.invite', targetType: 'invitation', targetId: invitation!.id, details: { email: input.email, role: input.role } });
  return invitation!;
}
