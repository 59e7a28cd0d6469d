import type { TransactionSql } from '#lib/db/pool.ts';
import { HttpError } from '#lib/http/errors.ts';
import { findTicket } from './read.ts';
import { t } from '#lib/i18n/translate.ts';

/** A link as seen from one ticket: the other ticket, in brief. */
export interface LinkJson {
  number: number;
  subject: string;
  status: string;
  created_by: string | null;
  created_at: Date;
}

/**
 * The tickets linked to one, by number. Check the ticket first (findTicket).
 *
 * @example
 * return { items: await listLinks(db, 42) };
 */
export async function listLinks(tx: TransactionSql, number: number): Promise<LinkJson[]> {
  const rows = await tx<(Omit<LinkJson, 'number'> & { number: string })[]>`
    select t.number::text as number, t.subject, t.status, l.created_by, l.created_at
    from ticket_links l join tickets t on t.number = case when l.a = ${number} then l.b else l.a end
    where l.a = ${number} or l.b = ${number}
    order by t.number limit 1000`;
  return rows.map((r) => ({ ...r, number: Number(r.number) }));
}

/**
 * Links two tickets (a link has no direction: stored as a < b). Either missing is a 404, a
 * ticket with itself 422 `self_link`, a link that exists 409 `link_exists`.
 *
 * @example
 * const link = await addLink(db, caller.orgId, userId, 42, 7);
 */
export async function addLink(tx: TransactionSql, orgId: string, createdBy: string | null, number: number, other: number): Promise<LinkJson> {
  if (number === other) throw new HttpError(422, 'self_link', t('error.self_link'));
  await findTicket(tx, number);
  const target = await findTicket(tx, other);
  const [row] = await tx<{ created_at: Date }[]>`
    insert into ticket_links (org_id, a, b, created_by) values (${orgId}, ${Math.min(number, other)}, ${Math.max(number, other)}, ${createdBy})
    on conflict do nothing returning created_at`;
  if (!row) throw new HttpError(409, 'link_exists', t('error.link_exists', { number: String(number), other: String(other) }));
  return { number: other, subject: target.subject, status: target.status, created_by: createdBy, created_at: row.created_at };
}

/**
 * Removes the link between two tickets; 404 when there is none.
 *
 * @example
 * await removeLink(db, 42, 7);
 */
export async function removeLink(tx: TransactionSql, number: number, other: number): Promise<void> {
  const rows = await tx`delete from ticket_links where a = ${Math.min(number, other)} and b = ${Math.max(number, other)} returning a`;
  if (!rows.length) throw new HttpError(404, 'not_found', t('error.link_not_found', { number: String(number), other: String(other) }));
}
