import { audit, type AuditActor } from '#lib/audit/record.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import type { Role } from '#lib/db/tenant.ts';
import { HttpError } from '#lib/http/errors.ts';
import { t } from '#lib/i18n/translate.ts';

export interface PendingInvitation {
  id: string;
  email: string;
  role: Role;
  invited_by: string | null;
  created_at: Date;
  expires_at: Date;
}

/** Invitations still waiting to be accepted, newest first. */
export async function listPendingInvitations(tx: TransactionSql): Promise<PendingInvitation[]> {
  return tx<PendingInvitation[]>`
    select id, email, role, invited_by, created_at, expires_at from invitations
    where accepted_at is null and revoked_at is null and expires_at > now()
    order by created_at desc limit 500`;
}

/** Withdraws a pending invitation (its link stops working); another org's or a used one is a 404. */
export async function revokeInvitation(tx: TransactionSql, orgId: string, actor: AuditActor, id: string): Promise<void> {
  const [row] = await tx`
    update invitations set revoked_at = now()
    where id = ${id} and accepted_at is null and revoked_at is null returning id`;
  if (!row) throw new HttpError(404, 'not_found', t('error.invitation_not_found'));
  await audit(tx, orgId, actor, { action: 'member.invite_revoke', targetType: 'invitation', targetId: id });
}
