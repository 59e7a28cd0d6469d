import type { ApiKeyCaller, MemberCaller } from '../auth/caller.ts';
import type { TransactionSql } from '../db/pool.ts';
import type { Role } from '../db/tenant.ts';
import { customerVisibleKeys } from './custom-fields.ts';
import { serializeTicket, type TicketJson, type TicketRow } from './model.ts';

/** The role a caller reads tickets as: API keys act as agents. */
export function readerRole(caller: MemberCaller | ApiKeyCaller): Role {
  return caller.kind === 'member' ? caller.role : 'agent';
}

/**
 * Serializes tickets for this caller: a customer's copy leaves out the custom fields not meant
 * for customers.
 *
 * @example
 * return { items: await ticketsFor(db, caller, page.items) };
 */
export async function ticketsFor(tx: TransactionSql, caller: MemberCaller | ApiKeyCaller, rows: TicketRow[]): Promise<TicketJson[]> {
  const role = readerRole(caller);
  const visible = role === 'customer' ? await customerVisibleKeys(tx) : new Set<string>();
  return rows.map((row) => serializeTicket(row, role, visible));
}
