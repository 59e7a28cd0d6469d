import type { MemberCaller } from '../auth/caller.ts';
import type { RolePermissions } from '../auth/permissions.ts';
import type { TransactionSql } from '../db/pool.ts';
import { listPendingInvitations } from './invitations.ts';
import { listMembers } from './members.ts';
import { listTeams } from '../teams/team.ts';

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
