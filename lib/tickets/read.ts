import type { TransactionSql } from '#lib/db/pool.ts';
import { HttpError } from '#lib/http/errors.ts';
import { TICKET_COLUMNS, type TicketRow } from './model.ts';
import { t } from '#lib/i18n/translate.ts';

/**
 * One ticket by its number, as the caller may see it: RLS answers for another org's number and
 * for a customer's look at someone else's ticket alike, with a 404.
 *
 * @example
 * const row = await findTicket(db, 42, { lock: true });
 */
export async function findTicket(tx: TransactionSql, number: number, opts: { lock?: boolean } = {}): Promise<TicketRow> {
  const [row] = await tx.unsafe<TicketRow[]>(`select ${TICKET_COLUMNS} from tickets t join people u on u.id = t.requester_id where t.number = $1${opts.lock ? ' for update of t' : ''}`, [number]);
  if (!row) throw new HttpError(404, 'not_found', t('error.ticket_not_found', { number: String(number) }));
  return row;
}
