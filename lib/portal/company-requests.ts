import type { TransactionSql } from '#lib/db/pool.ts';
import { TICKET_COLUMNS, type TicketRow } from '#lib/tickets/model.ts';

/**
 * The company whose requests this customer may read (memberships.company when
 * sees_company_tickets is on), or null: the portal shows "My company's requests" only then.
 * The same condition as app.company_requester_ids() in sql/016_company_tickets.sql, which is what
 * actually lets the rows through.
 *
 * @example
 * const company = await sharedCompany(db, person.userId); // 'Acme' or null
 */
export async function sharedCompany(tx: TransactionSql, userId: string): Promise<string | null> {
  const [m] = await tx<{ company: string }[]>`
    select company from memberships
    where user_id = ${userId} and role = 'customer' and sees_company_tickets and company is not null`;
  return m?.company ?? null;
}

/**
 * The requests of this customer's colleagues, latest activity first (at most `limit`). RLS alone
 * would give the same rows, but naming the requesters lets tickets_requester_idx find them
 * instead of the whole org's tickets being filtered.
 *
 * @example
 * const rows = await colleaguesRequests(db, person.userId);
 */
export async function colleaguesRequests(tx: TransactionSql, userId: string, limit = 100): Promise<TicketRow[]> {
  return tx.unsafe<TicketRow[]>(
    `select ${TICKET_COLUMNS} from tickets t join people u on u.id = t.requester_id
     where t.requester_id = any (app.company_requester_ids()) and t.requester_id <> $1 order by t.updated_at desc, t.number desc limit $2`,
    [userId, limit],
  );
}
