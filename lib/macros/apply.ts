import type { MemberCaller } from '#lib/auth/caller.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import { layoutUser } from '#lib/pages/layout-user.ts';
import type { TicketRow } from '#lib/tickets/model.ts';
import { findTicket } from '#lib/tickets/read.ts';
import { updateTicket, type TicketPatch } from '#lib/tickets/update.ts';
import { renderMacro } from './render.ts';
import { findMacro } from './store.ts';

export interface AppliedMacro {
  ticket: TicketRow;
  /** The macro's text with its placeholders filled, for the composer (nothing is sent yet). */
  text: string;
  internal: boolean;
}

/**
 * Applies a macro to a ticket for the agent: its status, priority and tags change the ticket at
 * once (through updateTicket, so transitions and required fields are checked as anywhere else),
 * and its text comes back filled in, for the agent to read and send.
 *
 * @example
 * const { text, internal } = await applyMacro(db, caller, 42, macroId);
 */
export async function applyMacro(tx: TransactionSql, caller: MemberCaller, number: number, macroId: string): Promise<AppliedMacro> {
  const macro = await findMacro(tx, macroId);
  let ticket = await findTicket(tx, number);
  const patch: TicketPatch = {};
  if (macro.set_status && macro.set_status !== ticket.status) patch.status = macro.set_status;
  if (macro.set_priority && macro.set_priority !== ticket.priority) patch.priority = macro.set_priority;
  if (macro.add_tags.some((t) => !ticket.tags.includes(t))) patch.tags = [...ticket.tags, ...macro.add_tags];
  if (Object.keys(patch).length) ticket = await updateTicket(tx, caller, number, patch);
  const me = await layoutUser(tx, caller);
  const text = renderMacro(macro.body, {
    ticket: { number: ticket.number, subject: ticket.subject, status: ticket.status, priority: ticket.priority },
    requester: { name: ticket.requester_name, email: ticket.requester_email },
    agent: { name: me.name, email: me.email },
    org: { name: me.orgName },
  });
  return { ticket, text, internal: macro.internal };
}
