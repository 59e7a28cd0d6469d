import type { TransactionSql } from '#lib/db/pool.ts';

/** A member a ticket can be assigned to. */
export interface Assignee {
  id: string;
  name: string;
}

/**
 * The org's active staff, by name: who the assignee picker offers (the same rule as
 * assertAssignable in update.ts).
 *
 * @example
 * const people = await listAssignees(db);
 */
export async function listAssignees(tx: TransactionSql): Promise<Assignee[]> {
  return tx<Assignee[]>`
    select u.id, coalesce(nullif(u.name, ''), u.email) as name
    from memberships m join people u on u.id = m.user_id
    where m.role <> 'customer' and m.disabled_at is null
    order by lower(coalesce(nullif(u.name, ''), u.email)) limit 500`;
}
