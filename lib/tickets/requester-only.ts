import type { ApiKeyCaller, MemberCaller } from '#lib/auth/caller.ts';
import { HttpError } from '#lib/http/errors.ts';
import type { TicketRow } from './model.ts';
import { t } from '#lib/i18n/translate.ts';

type Ticket = Pick<TicketRow, 'number' | 'requester_id'>;

/**
 * Why the caller may not write on a ticket they can see, or null when they may: staff always
 * may; a customer only on a ticket they requested. A colleague's ticket, shared through the
 * company (sql/016_company_tickets.sql), is read-only. RLS refuses such a write too; this gives
 * the refusal words a person understands, before anything is written.
 *
 * @example
 * const refused = writeRefusal(caller, ticket);
 * if (refused) return render(refused.status, { error: refused.message });
 */
export function writeRefusal(caller: MemberCaller | ApiKeyCaller, ticket: Ticket): HttpError | null {
  if (caller.kind !== 'member' || caller.role !== 'customer' || ticket.requester_id === caller.userId) return null;
  return new HttpError(403, 'forbidden', t('error.requester_only', { number: String(ticket.number) }));
}

/**
 * Throws writeRefusal's 403, if any.
 *
 * @example
 * assertMayWriteOn(caller, await findTicket(db, number));
 */
export function assertMayWriteOn(caller: MemberCaller | ApiKeyCaller, ticket: Ticket): void {
  const refused = writeRefusal(caller, ticket);
  if (refused) throw refused;
}
