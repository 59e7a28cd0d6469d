import type { TransactionSql } from '#lib/db/pool.ts';

/** A person tickets can be assigned to, as lists and pickers name them. */
export interface StaffMember {
  id: string;
  name: string;
}

/**
 * The org's active staff (agents and above), by name: the assignee picker's choices and the
 * names queue rows show for assignee ids.
 *
 * @example
 * const staff = await listStaff(db);
 */
export async function listStaff(tx: TransactionSql): Promise<StaffMember[]> {
  return tx<StaffMember[]>`
    select u.id, coalesce(nullif(u.name, ''), u.email) as name
    from memberships m join people u on u.id = m.user_id
    where m.role <> 'customer' and m.disabled_at is null
    order by lower(coalesce(nullif(u.name, ''), u.email)), u.id
    limit 1000`;
}
