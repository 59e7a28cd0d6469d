import { audit, type AuditActor } from '#lib/audit/record.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import { HttpError } from '#lib/http/errors.ts';
import { replaceTeamMembers } from './members.ts';
import { findTeam, type TeamJson } from './team.ts';
import { t } from '#lib/i18n/translate.ts';

/** Creates a team with no members; a name in use (any case) is a 409 `team_exists`. */
export async function createTeam(tx: TransactionSql, orgId: string, actor: AuditActor, input: { name: string; round_robin: boolean }): Promise<TeamJson> {
  // The name's uniqueness is an expression index (lower(name)): no conflict target to name.
  const [row] = await tx<{ id: string }[]>`
    insert into teams (org_id, name, round_robin) values (${orgId}, ${input.name}, ${input.round_robin})
    on conflict do nothing returning id`;
  if (!row) throw new HttpError(409, 'team_exists', t('error.team_exists', { name: input.name }));
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

/**
 * Renames a team or turns its round robin on or off, and records both states in the audit log.
 * A name another team has (any case) is a 409 `team_exists`; another org's id is a 404, by RLS.
 *
 * @example
 * const team = await updateTeam(db, orgId, actor, id, { round_robin: true });
 */
export async function updateTeam(tx: TransactionSql, orgId: string, actor: AuditActor, id: string, patch: { name?: string | undefined; round_robin?: boolean | undefined }): Promise<TeamJson> {
  const before = await findTeam(tx, id, { lock: true });
  if (patch.name !== undefined) {
    const [clash] = await tx`select 1 from teams where lower(name) = lower(${patch.name}) and id <> ${id}`;
    if (clash) throw new HttpError(409, 'team_exists', t('error.team_exists', { name: patch.name }));
  }
  await tx`
    update teams set name = coalesce(${patch.name ?? null}, name), round_robin = coalesce(${patch.round_robin ?? null}::boolean, round_robin)
    where id = ${id}`;
  const after = await findTeam(tx, id);
  await audit(tx, orgId, actor, {
    action: 'team.update',
    targetType: 'team',
    targetId: id,
    details: { from: { name: before.name, round_robin: before.round_robin }, to: { name: after.name, round_robin: after.round_robin } },
  });
  return after;
}

/**
 * Deletes a team. Its tickets keep their assignee and lose the team (the foreign key sets it
 * null, so counters and ticket history follow); its shared views go with it. Another org's id
 * is a 404, by RLS.
 *
 * @example
 * await deleteTeam(db, orgId, actor, id);
 */
export async function deleteTeam(tx: TransactionSql, orgId: string, actor: AuditActor, id: string): Promise<void> {
  const [team] = await tx<{ name: string }[]>`delete from teams where id = ${id} returning name`;
  if (!team) throw new HttpError(404, 'not_found', t('error.team_not_found', { id }));
  await audit(tx, orgId, actor, { action: 'team.delete', targetType: 'team', targetId: id, details: { name: team.name } });
}
