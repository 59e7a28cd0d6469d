import type { MemberCaller } from '#lib/auth/caller.ts';
import type { RolePermissions } from '#lib/auth/permissions.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import { listPendingInvitations } from '#lib/invitations/pending.ts';
import { listMembers } from '#lib/members/membership.ts';
import { findCalendar, listCalendars } from '#lib/sla/calendar-store.ts';
import { listPolicies } from '#lib/sla/policies.ts';
import { readOrg, searchLanguages } from '#lib/orgs/settings.ts';
import { listApiKeys } from '#lib/api-keys/keys.ts';
import { grantablePermissions } from '#lib/api-keys/issue.ts';
import { PERMISSIONS } from '#lib/auth/permissions.ts';
import { listTeams } from '#lib/teams/team.ts';

/**
 * What the admin Users page shows, read through the same library calls as GET /api/v1/users and
 * GET /api/v1/invitations.
 */
export async function usersPageData(tx: TransactionSql, caller: MemberCaller, roles: RolePermissions) {
  return {
    members: await listMembers(tx),
    invitations: await listPendingInvitations(tx),
    selfId: caller.userId,
    canManageOwners: roles.get(caller.role)?.has('org.manage_owners') ?? false,
  };
}

/** What the admin Teams page shows: the teams (as GET /api/v1/teams) and the active staff who may join one. */
export async function teamsPageData(tx: TransactionSql) {
  const members = await listMembers(tx);
  return { teams: await listTeams(tx), staff: members.filter((m) => m.role !== 'customer' && !m.disabled_at) };
}

/** What the admin API keys page shows: the keys (as GET /api/v1/api-keys) and what the caller may grant. */
export async function apiKeysPageData(tx: TransactionSql, caller: MemberCaller, roles: RolePermissions) {
  const grantable = grantablePermissions(caller, roles);
  return { keys: await listApiKeys(tx), grantable: PERMISSIONS.filter((p) => grantable.has(p)) };
}

/** What the admin Settings page shows: the org (as GET /api/v1/org) and the languages to choose from. */
export async function settingsPageData(tx: TransactionSql, clientIp: string) {
  return { org: await readOrg(tx), languages: await searchLanguages(tx), clientIp };
}

/** What the admin SLA page shows: calendars and policies, as GET /api/v1/sla/calendars and /policies, and team names. */
export async function slaPageData(tx: TransactionSql) {
  return { calendars: await listCalendars(tx), policies: await listPolicies(tx), teams: await listTeams(tx) };
}

/** What a calendar's admin page shows: the calendar (another org's id is a 404) and the policies that use it. */
export async function calendarPageData(tx: TransactionSql, id: string) {
  const calendar = await findCalendar(tx, id);
  const usedBy = (await listPolicies(tx)).filter((p) => p.calendar_id === id).map((p) => p.name);
  return { calendar, usedBy };
}

/** What a policy form offers: the calendars and teams to choose from. */
export async function policyChoices(tx: TransactionSql) {
  return { calendars: await listCalendars(tx), teams: await listTeams(tx) };
}
