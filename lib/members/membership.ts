import type { ApiKeyCaller, MemberCaller } from '#lib/auth/caller.ts';
import type { RolePermissions } from '#lib/auth/permissions.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import type { Role } from '#lib/db/tenant.ts';
import { HttpError } from '#lib/http/errors.ts';
import { t } from '#lib/i18n/translate.ts';

/** A member of the org as the users list shows them. */
export interface MemberRow {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  disabled_at: Date | null;
  created_at: Date;
  /** The company the person belongs to (SLA conditions match it; customers may share by it). */
  company: string | null;
  /** A customer who reads the other requests of their company (sql/016_company_tickets.sql). */
  sees_company_tickets: boolean;
  /** The language this org writes to them in when they have not chosen their own (sql/025); null: the org's default. */
  locale: string | null;
  /**
   * False for someone this org added by address (a ticket's requester) who has not accepted an
   * invitation yet: the org sees only the name it gave them, and they cannot sign in here.
   */
  confirmed: boolean;
}

const MEMBER_COLUMNS = 'u.id, u.email, u.name, m.role, m.disabled_at, m.created_at, m.company, m.sees_company_tickets, m.locale, u.confirmed';

/** The org's members, staff first (GET /api/v1/users and the admin Users page). */
export async function listMembers(tx: TransactionSql): Promise<MemberRow[]> {
  return tx<MemberRow[]>`
    select ${tx.unsafe(MEMBER_COLUMNS)}
    from memberships m join people u on u.id = m.user_id
    order by m.role desc, lower(u.email)
    limit 500`;
}

/** One member (GET /api/v1/users/:id); another org's user is a 404, by RLS. */
export async function findMember(tx: TransactionSql, userId: string): Promise<MemberRow> {
  const [member] = await tx<MemberRow[]>`
    select ${tx.unsafe(MEMBER_COLUMNS)}
    from memberships m join people u on u.id = m.user_id
    where m.user_id = ${userId}`;
  if (!member) throw new HttpError(404, 'not_found', t('error.user_not_found', { id: userId }));
  return member;
}

/** What PATCH /api/v1/users/:id may change about a membership. */
export interface MembershipChange {
  role?: Role | undefined;
  disabled?: boolean | undefined;
  /** null clears it. */
  company?: string | null | undefined;
  sees_company_tickets?: boolean | undefined;
  /** The language to write to them in (a customer who wrote in German, say); null: the org's default. */
  locale?: string | null | undefined;
}

/**
 * Changes a member's role, access or company. Only owners touch the owner role, nobody changes
 * their own membership, and the last active owner stays. Disabling ends the member's sessions
 * (a trigger does it); the memberships trigger records every change in the audit log. Anyone may
 * carry a company (SLA conditions match on it), but only a customer may see their company's
 * requests: asking it for staff is a 422, and a customer made staff loses it.
 *
 * @example
 * await updateMembership(db, caller, c.var.deps.rolePermissions, id, { role: 'agent' });
 * await updateMembership(db, caller, roles, id, { company: 'Acme', sees_company_tickets: true });
 */
export async function updateMembership(tx: TransactionSql, caller: MemberCaller | ApiKeyCaller, roles: RolePermissions, userId: string, change: MembershipChange): Promise<MembershipResult> {
  const [current] = await tx<{ role: Role; disabled: boolean }[]>`
    select role, disabled_at is not null as disabled from memberships where user_id = ${userId} for update`;
  if (!current) throw new HttpError(404, 'not_found', t('error.user_not_found', { id: userId }));
  if (caller.kind === 'member' && caller.userId === userId) throw new HttpError(409, 'own_membership', t('error.own_membership'));
  const touchesOwner = current.role === 'owner' || change.role === 'owner';
  const mayManageOwners = caller.kind === 'member' ? roles.get(caller.role)?.has('org.manage_owners') : caller.permissions.includes('org.manage_owners');
  if (touchesOwner && !mayManageOwners) throw new HttpError(403, 'forbidden', t('error.owner_role_only_owner'));
  if (current.role === 'owner' && (change.disabled || (change.role && change.role !== 'owner'))) {
    const [others] = await tx<{ n: number }[]>`select count(*)::int as n from memberships where role = 'owner' and disabled_at is null and user_id <> ${userId}`;
    if (!others?.n) throw new HttpError(409, 'last_owner', t('error.last_owner'));
  }
  const customer = (change.role ?? current.role) === 'customer';
  if (change.sees_company_tickets && !customer) {
    throw new HttpError(422, 'not_customer', t('error.not_customer'));
  }
  const [updated] = await tx<MembershipResult[]>`
    update memberships set role = coalesce(${change.role ?? null}::member_role, role),
      disabled_at = case when ${change.disabled ?? null}::boolean is null then disabled_at
                         when ${change.disabled ?? null}::boolean then coalesce(disabled_at, now()) else null end,
      company = case when ${change.company !== undefined} then ${change.company ?? null} else company end,
      sees_company_tickets = ${customer}::boolean and coalesce(${change.sees_company_tickets ?? null}::boolean, sees_company_tickets),
      locale = case when ${change.locale !== undefined} then ${change.locale ?? null} else locale end,
      updated_at = now()
    where user_id = ${userId}
    returning user_id as id, role, disabled_at, company, sees_company_tickets, locale`;
  return updated!;
}

export type MembershipResult = Pick<MemberRow, 'id' | 'role' | 'disabled_at' | 'company' | 'sees_company_tickets' | 'locale'>;
