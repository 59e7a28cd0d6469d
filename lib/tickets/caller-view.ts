import type { ApiKeyCaller, MemberCaller } from '#lib/auth/caller.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import type { Role } from '#lib/db/tenant.ts';
import { ticketSlaStates, type TicketSlaJson } from '#lib/sla/ticket-state.ts';
import { customerVisibleKeys } from '#lib/custom-fields/values.ts';
import { serializeTicket, type TicketJson, type TicketRow } from './model.ts';

/** A ticket as staff read it: with its SLA targets (null when no policy applies). Customers get no `sla`. */
export type TicketWithSla = TicketJson & { sla?: TicketSlaJson | null };

/** The role a caller reads tickets as: API keys act as agents. */
export function readerRole(caller: MemberCaller | ApiKeyCaller): Role {
  return caller.kind === 'member' ? caller.role : 'agent';
}

/**
 * Serializes tickets for this caller: a customer's copy leaves out the custom fields not meant
 * for customers and the SLA state; staff get each ticket's SLA targets.
 *
 * @example
 * return { items: await ticketsFor(db, caller, page.items) };
 */
export async function ticketsFor(tx: TransactionSql, caller: MemberCaller | ApiKeyCaller, rows: TicketRow[]): Promise<TicketWithSla[]> {
  const role = readerRole(caller);
  const visible = role === 'customer' ? await customerVisibleKeys(tx) : new Set<string>();
  const sla =
    role === 'customer'
      ? null
      : await ticketSlaStates(
          tx,
          rows.map((r) => r.number),
        );
  return rows.map((row) => {
    const json = serializeTicket(row, role, visible);
    return sla ? { ...json, sla: sla.get(json.number) ?? null } : json;
  });
}
