import type { TransactionSql } from '#lib/db/pool.ts';
import { listMacros } from '#lib/macros/store.ts';
import { ticketSlaStates, type TicketSlaJson } from '#lib/sla/ticket-state.ts';
import type { MacroRow } from '#lib/macros/model.ts';
import { listTeams, type TeamJson } from '#lib/teams/team.ts';
import { listStaff, type StaffMember } from '#lib/staff/assignable.ts';
import { loadCustomFields, type CustomFieldDef } from '#lib/custom-fields/values.ts';
import { listLinks, type LinkJson } from './links.ts';
import { mergedFrom } from './merged-from.ts';
import type { TicketRow } from './model.ts';
import { findTicket } from './read.ts';

/** What the properties sidebar shows besides the ticket. */
export interface SidebarData {
  ticket: TicketRow;
  fields: CustomFieldDef[];
  teams: TeamJson[];
  assignees: StaffMember[];
  links: LinkJson[];
  mergedFrom: { number: number; subject: string }[];
  /** The ticket's SLA targets; null when no policy applies. */
  sla: TicketSlaJson | null;
}

/**
 * The ticket and the lists its sidebar offers, read in the caller's RLS context (another org's
 * number is a 404 from findTicket). Pass `ticket` when it was just read or written.
 *
 * @example
 * const sidebar = await loadSidebar(db, 42);
 */
export async function loadSidebar(tx: TransactionSql, number: number, ticket?: TicketRow): Promise<SidebarData> {
  const row = ticket ?? (await findTicket(tx, number));
  return {
    ticket: row,
    fields: await loadCustomFields(tx),
    teams: await listTeams(tx),
    assignees: await listStaff(tx),
    links: await listLinks(tx, number),
    mergedFrom: await mergedFrom(tx, number),
    sla: (await ticketSlaStates(tx, [number])).get(number) ?? null,
  };
}

/** Names of people and teams by id, for the history tab. */
export function namesOf(data: Pick<SidebarData, 'teams' | 'assignees'>): Map<string, string> {
  return new Map([...data.assignees.map((a) => [a.id, a.name] as const), ...data.teams.map((t) => [t.id, t.name] as const)]);
}

/** The macros the composer offers. */
export function composerMacros(tx: TransactionSql): Promise<MacroRow[]> {
  return listMacros(tx);
}
