import type { TransactionSql } from '#lib/db/pool.ts';
import type { TicketStatus } from '#lib/tickets/model.ts';
import type { SlaTicketEvent } from './types.ts';

/** A ticket's creation and current status, as the history needs them. */
export interface TicketStart {
  number: string;
  created_at: Date;
  status: TicketStatus;
}

/**
 * The clock's view of each ticket's history, read in two queries for the whole batch:
 * creation, every status change (ticket_status_changes), public staff replies and customer
 * messages. The first message is the request itself and is left out; internal notes and
 * messages without a person (API keys, automations) are not replies.
 *
 * @example
 * const events = await loadSlaHistory(tx, [{ number: '42', created_at, status: 'open' }]);
 */
export async function loadSlaHistory(tx: TransactionSql, tickets: readonly TicketStart[]): Promise<Map<string, SlaTicketEvent[]>> {
  const numbers = tickets.map((t) => t.number);
  const [changes, messages] = await Promise.all([
    tx<{ n: string; at: Date; from_status: TicketStatus; to_status: TicketStatus }[]>`
      select ticket_number::text as n, at, from_status, to_status
      from ticket_status_changes where ticket_number = any(${numbers}::bigint[]) order by ticket_number, at`,
    tx<{ n: string; at: Date; customer: boolean }[]>`
      select x.n, x.at, x.customer from (
        select m.ticket_number::text as n, m.created_at as at, m.internal, m.author_id, mm.role = 'customer' as customer,
               row_number() over (partition by m.ticket_number order by m.created_at, m.id) as rn
        from messages m left join memberships mm on mm.user_id = m.author_id
        where m.ticket_number = any(${numbers}::bigint[])
      ) x
      where x.rn > 1 and not x.internal and x.customer is not null
      order by x.n, x.at`,
  ]);
  const byTicket = new Map<string, SlaTicketEvent[]>();
  const statusRows = group(changes);
  const messageRows = group(messages);
  for (const t of tickets) {
    const moves = statusRows.get(t.number) ?? [];
    const events: SlaTicketEvent[] = [
      { at: t.created_at, kind: 'created' },
      { at: t.created_at, kind: 'status', status: moves[0]?.from_status ?? t.status },
    ];
    const rest: SlaTicketEvent[] = [
      ...moves.map((m): SlaTicketEvent => ({ at: m.at, kind: 'status', status: m.to_status })),
      ...(messageRows.get(t.number) ?? []).map((m): SlaTicketEvent => ({ at: m.at, kind: m.customer ? 'customer_message' : 'agent_reply' })),
    ];
    // Stable: in one transaction a reply and the status change it causes share a timestamp,
    // and the reply is what happened first.
    rest.sort((a, b) => a.at.getTime() - b.at.getTime() || order(a) - order(b));
    byTicket.set(t.number, [...events, ...rest]);
  }
  return byTicket;
}

const order = (e: SlaTicketEvent) => (e.kind === 'status' ? 1 : 0);

function group<R extends { n: string }>(rows: readonly R[]): Map<string, R[]> {
  const map = new Map<string, R[]>();
  for (const r of rows) {
    const list = map.get(r.n);
    if (list) list.push(r);
    else map.set(r.n, [r]);
  }
  return map;
}
