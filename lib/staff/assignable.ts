import type { TransactionSql } from '#lib/db/pool.ts';
import { HttpError } from '#lib/http/errors.ts';
import { t } from '#lib/i18n/translate.ts';

/** A person tickets can be assigned to, as lists and pickers name them. */
export interface StaffMember {
  id: string;
  name: string;
}

/**
 * The org's active staff (agents, leads, admins, owners; not disabled), by name: the assignee
 * pickers of the ticket page, the new-ticket form and the queue's bulk bar and filters, and the
 * names that queue rows and ticket history show for assignee ids. The same rule as
 * assertAssignable below.
 *
 * No LIMIT, on purpose. The list is only right when it is whole: a cap hides whoever sorts after
 * it, who then cannot be picked though the API accepts them, and whose tickets show no assignee
 * name. Staff is bounded by the people an org employs (hundreds, rarely a few thousand; customers
 * are not in it), and a select of a few thousand names is still quick to render and to search by
 * typing. An org past that needs a search-as-you-type picker, not a shorter list.
 *
 * @example
 * const staff = await listStaff(db);
 */
export async function listStaff(tx: TransactionSql): Promise<StaffMember[]> {
  return tx<StaffMember[]>`
    select u.id, coalesce(nullif(u.name, ''), u.email) as name
    from memberships m join people u on u.id = m.user_id
    where m.role <> 'customer' and m.disabled_at is null
    order by lower(coalesce(nullif(u.name, ''), u.email)), u.id`;
}

/**
 * Refuses (422 `invalid_assignee`) an assignee who is not active staff of the org; RLS already
 * keeps the lookup to this org, so another org's user is refused the same way.
 *
 * @example
 * if (patch.assignee_id) await assertAssignable(tx, patch.assignee_id);
 */
export async function assertAssignable(tx: TransactionSql, userId: string): Promise<void> {
  const [m] = await tx<{ ok: boolean }[]>`select role <> 'customer' and disabled_at is null as ok from memberships where user_id = ${userId}`;
  if (!m?.ok) throw new HttpError(422, 'invalid_assignee', t('error.assignee_invalid'));
}
