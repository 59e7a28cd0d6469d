import type { TransactionSql } from '#lib/db/pool.ts';

/**
 * The next assignee of a round-robin team: the active staff member after the one who got the
 * last ticket, in a stable order, wrapping around. Null for a team without round-robin or
 * without active staff. Locks the team row, so two tickets at once go to two people.
 *
 * @example
 * const assignee = await nextRoundRobinAssignee(tx, teamId);
 */
export async function nextRoundRobinAssignee(tx: TransactionSql, teamId: string): Promise<string | null> {
  const [team] = await tx<{ round_robin: boolean; last: string | null }[]>`
    select round_robin, last_assigned_user_id as last from teams where id = ${teamId} for update`;
  if (!team?.round_robin) return null;
  const [next] = await tx<{ user_id: string }[]>`
    select tm.user_id from team_members tm
    join memberships m on m.org_id = tm.org_id and m.user_id = tm.user_id
    where tm.team_id = ${teamId} and m.disabled_at is null and m.role <> 'customer'
    order by tm.user_id > coalesce(${team.last}::uuid, '00000000-0000-0000-0000-000000000000') desc, tm.user_id
    limit 1`;
  if (!next) return null;
  await tx`update teams set last_assigned_user_id = ${next.user_id} where id = ${teamId}`;
  return next.user_id;
}
