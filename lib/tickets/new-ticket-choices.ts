import type { AppDeps } from '#lib/app-env.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import { listTeams, type TeamJson } from '#lib/teams/team.ts';
import { listStaff, type StaffMember } from '#lib/staff/assignable.ts';
import { loadCustomFields, type CustomFieldDef } from '#lib/custom-fields/values.ts';

/** What the agents' new-ticket form offers: every custom field, the staff, the teams, the upload limit. */
export interface NewTicketChoices {
  fields: CustomFieldDef[];
  assignees: StaffMember[];
  teams: TeamJson[];
  maxMb: number;
}

/**
 * Reads the choices in the caller's RLS context, for the form and for checking what it sent.
 *
 * @example
 * const choices = await newTicketChoices(db, c.var.deps);
 */
export async function newTicketChoices(tx: TransactionSql, deps: Pick<AppDeps, 'config'>): Promise<NewTicketChoices> {
  return {
    fields: await loadCustomFields(tx),
    assignees: await listStaff(tx),
    teams: await listTeams(tx),
    maxMb: Math.floor(deps.config.attachmentMaxBytes / (1024 * 1024)),
  };
}
