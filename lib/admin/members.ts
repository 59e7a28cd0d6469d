import type { ApiKeyCaller, MemberCaller } from '../auth/caller.ts';
import type { RolePermissions } from '../auth/permissions.ts';
import type { TransactionSql } from '../db/pool.ts';
import type { Role } from '../db/tenant.ts';
import { HttpError } from '../http/errors.ts';

/** A member of the org as the users list shows them. */
export interface MemberRow {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  disabled_at: Date | null;
  created_at: Date;
}

/** The org's members, staff first (GET /api/v1/users and the admin Users page). */
export async function listMembers(tx: TransactionSql): Promise<MemberRow[]> {
  return tx<MemberRow[]>`
    select u.id, u.email, u.name, m.role, m.disabled_at, m.created_at
    from memberships m join users u on u.id = m.user_id
    order by m.role desc, lower(u.email)
    limit 500`;
}

/**
 * Changes a member's role or (dis)ables them. Only owners touch the owner role, nobody changes
 * their own membership, and the last active owner stays. Disabling ends the member's sessions
 * (a trigger does it); the memberships trigger records the change in the audit log.
 *
 * @example
 * await updateMembership(db, caller, c.var.deps.rolePermissions, id, { role: 'agent' });
 */
export async function updateMembership(
  tx: TransactionSql,
  caller: MemberCaller | ApiKeyCaller,
  roles: RolePermissions,
  userId: string,
  change: { role?: Role | undefined; disabled?: boolean | undefined },
): Promise<{ id: string; role: Role; disabled_at: Date | null }> {
  const [current] = await tx<{ role: string; disabled: boolean }[]>`
    select role, disabled_at is not null as disabled from memberships where user_id = ${userId} for update`;
  if (!current) throw new HttpError(404, 'not_found', `No user ${userId} in this organization`);
  if (caller.kind === 'member' && caller.userId === userId) throw new HttpError(409, 'own_membership', 'Ask another admin to change your own role or access');
  const touchesOwner = current.role === 'owner' || change.role === 'owner';
  const mayManageOwners = caller.kind === 'member' ? roles.get(caller.role)?.has('org.manage_owners') : caller.permissions.includes('org.manage_owners');
  if (touchesOwner && !mayManageOwners) throw new HttpError(403, 'forbidden', 'Only an owner can grant or change the owner role');
  if (current.role === 'owner' && (change.disabled || (change.role && change.role !== 'owner'))) {
    const [others] = await tx<{ n: number }[]>`select count(*)::int as n from memberships where role = 'owner' and disabled_at is null and user_id <> ${userId}`;
    if (!others?.n) throw new HttpError(409, 'last_owner', 'An organization keeps at least one active owner');
  }
  const [updated] = await tx<{ id: string; role: Role; disabled_at: Date | null }[]>`
    update memberships set role = coalesce(${change.role ?? null}::member_role, role),
      disabled_at = case when ${change.disabled ?? null}::boolean is null then disabled_at
                         when ${change.disabled ?? null}::boolean then coalesce(disabled_at, now()) else null end,
      updated_at = now()
    where user_id = ${userId}
    returning user_id as id, role, disabled_at`;
  return updated!;
}
