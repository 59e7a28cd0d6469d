import { audit, type AuditActor } from '#lib/audit.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import { HttpError } from '#lib/http/errors.ts';
import { replaceTeamMembers } from '#lib/teams/members.ts';
import { findTeam, type TeamJson } from '#lib/teams/team.ts';

/** Creates a team with no members; a name in use (any case) is a 409 `team_exists`. */
export async function createTeam(tx: TransactionSql, orgId: string, actor: AuditActor, input: { name: string; round_robin: boolean }): Promise<TeamJson> {
  // The name's uniqueness is an expression index (lower(name)): no conflict target to name.
  const [row] = await tx<{ id: string }[]>`
    insert into teams (org_id, name, round_robin) values (${orgId}, ${input.name}, ${input.round_robin})
    on conflict do nothing returning id`;
  if (!row) throw new HttpError(409, 'team_exists', `A team named "${input.name}" already exists`);
  await audit(tx, orgId, actor, { action: 'team.create', targetType: 'team', targetId: row.id, details: input });
  return findTeam(tx, row.id);
}

/**
 * Makes `userIds` the team's whole member list (each must be active staff, else 422
 * `invalid_member` and nothing changes) and records what changed in the audit log.
 */
export async function setTeamMembers(tx: TransactionSql, orgId: string, actor: AuditActor, teamId: string, userIds: readonly string[]): Promise<TeamJson> {
  await findTeam(tx, teamId, { lock: true });
  const { added, removed } = await replaceTeamMembers(tx, orgId, teamId, userIds);
  if (added.length || removed.length) {
    await audit(tx, orgId, actor, { action: 'team.members_change', targetType: 'team', targetId: teamId, details: { added, removed } });
  }
  return findTeam(tx, teamId);
}
