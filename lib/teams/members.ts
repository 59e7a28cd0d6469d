import type { TransactionSql } from '#lib/db/pool.ts';
import { HttpError } from '#lib/http/errors.ts';
import { t } from '#lib/i18n/translate.ts';

/**
 * Makes a team's member list exactly `userIds`. Every id must be active staff of the org: a
 * customer, a disabled member or another org's user is refused whole (422 `invalid_member`),
 * so the list is never half applied. Returns who was added and who removed, for the audit log.
 * Lock the team row first (findTeam with `lock`).
 *
 * @example
 * await findTeam(db, teamId, { lock: true });
 * const { added, removed } = await replaceTeamMembers(db, caller.orgId, teamId, body.user_ids);
 */
export async function replaceTeamMembers(tx: TransactionSql, orgId: string, teamId: string, userIds: readonly string[]): Promise<{ added: string[]; removed: string[] }> {
  const wanted = [...new Set(userIds)];
  const staff = await tx<{ user_id: string }[]>`
    select user_id from memberships
    where user_id = any(${wanted}::uuid[]) and role <> 'customer' and disabled_at is null`;
  const ok = new Set(staff.map((s) => s.user_id));
  const invalid = wanted.filter((id) => !ok.has(id));
  if (invalid.length) {
    throw new HttpError(422, 'invalid_member', t('error.team_member_invalid', { ids: invalid.join(', ') }), { user_ids: invalid });
  }
  const removed = await tx<{ user_id: string }[]>`
    delete from team_members where team_id = ${teamId} and user_id <> all(${wanted}::uuid[]) returning user_id`;
  const added = await tx<{ user_id: string }[]>`
    insert into team_members (org_id, team_id, user_id)
    select ${orgId}, ${teamId}, u from unnest(${wanted}::uuid[]) as u
    on conflict do nothing
    returning user_id`;
  return { added: added.map((r) => r.user_id), removed: removed.map((r) => r.user_id) };
}
