import type { TransactionSql } from '#lib/db/pool.ts';
import { HttpError } from '#lib/http/errors.ts';
import { t } from '#lib/i18n/translate.ts';

export interface FollowerJson {
  user_id: string;
  email: string;
  name: string;
}

/**
 * Who follows a ticket (staff who get its updates), by email. Check the ticket first
 * (findTicket): this only reads the followers table.
 *
 * @example
 * await findTicket(db, number);
 * return { items: await listFollowers(db, number) };
 */
export async function listFollowers(tx: TransactionSql, number: number): Promise<FollowerJson[]> {
  return tx<FollowerJson[]>`
    select f.user_id, u.email, u.name from ticket_followers f join people u on u.id = f.user_id
    where f.ticket_number = ${number} order by lower(u.email) limit 1000`;
}

/**
 * Adds a follower; true when they were not following yet. Followers see internal notes, so
 * they must be active staff of the org (422 `invalid_follower` otherwise).
 *
 * @example
 * const added = await addFollower(db, caller.orgId, 42, userId);
 */
export async function addFollower(tx: TransactionSql, orgId: string, number: number, userId: string): Promise<boolean> {
  const [m] = await tx<{ ok: boolean }[]>`select role <> 'customer' and disabled_at is null as ok from memberships where user_id = ${userId}`;
  if (!m?.ok) throw new HttpError(422, 'invalid_follower', t('error.follower_invalid'));
  const rows = await tx`
    insert into ticket_followers (org_id, ticket_number, user_id) values (${orgId}, ${number}, ${userId})
    on conflict do nothing returning user_id`;
  return rows.length === 1;
}

/**
 * Stops someone following a ticket; 404 when they were not.
 *
 * @example
 * await removeFollower(db, 42, userId);
 */
export async function removeFollower(tx: TransactionSql, number: number, userId: string): Promise<void> {
  const rows = await tx`delete from ticket_followers where ticket_number = ${number} and user_id = ${userId} returning user_id`;
  if (!rows.length) throw new HttpError(404, 'not_found', t('error.not_following', { user: userId, number: String(number) }));
}
