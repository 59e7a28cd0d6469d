import { audit, type AuditActor } from '#lib/audit/record.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import { HttpError } from '#lib/http/errors.ts';
import { findPolicy, listPolicies, type PolicyJson } from './policies.ts';
import { t } from '#lib/i18n/translate.ts';

/**
 * Puts the named policies first, in the given order (positions 0, 1, …); the rest follow in
 * their old order. Recorded in the audit log; the open tickets are re-matched by the job the
 * change enqueues.
 *
 * @example
 * await reorderPolicies(tx, orgId, { userId, ip }, [second.id, first.id]);
 */
export async function reorderPolicies(tx: TransactionSql, orgId: string, actor: AuditActor, ids: string[]): Promise<PolicyJson[]> {
  const known = new Set((await listPolicies(tx)).map((p) => p.id));
  const unknown = ids.find((id) => !known.has(id));
  if (unknown) throw new HttpError(422, 'invalid_reference', t('error.sla_policy_not_found', { id: unknown }));
  if (new Set(ids).size !== ids.length) throw new HttpError(400, 'validation_failed', t('validation.invalid_body_at', { path: 'ids', message: t('error.problem.ids_repeat') }));
  await tx`
    with wanted as (select id, ord - 1 as pos from unnest(${ids}::uuid[]) with ordinality as x (id, ord)),
    rest as (
      select p.id, ${ids.length} + row_number() over (order by p.position, p.created_at, p.id) - 1 as pos
      from sla_policies p where p.id <> all (${ids}::uuid[])
    )
    update sla_policies p set position = x.pos, updated_at = now()
    from (select * from wanted union all select * from rest) x
    where p.id = x.id and p.position is distinct from x.pos`;
  await audit(tx, orgId, actor, { action: 'sla_policy.reorder', targetType: 'sla_policy', details: { ids } });
  return listPolicies(tx);
}

/**
 * Swaps a policy with its neighbour above or below, through reorderPolicies. Already first
 * (or last), nothing changes. Another org's id is a 404.
 *
 * @example
 * await movePolicy(tx, orgId, actor, policy.id, 'up');
 */
export async function movePolicy(tx: TransactionSql, orgId: string, actor: AuditActor, id: string, direction: 'up' | 'down'): Promise<PolicyJson[]> {
  await findPolicy(tx, id);
  const ids = (await listPolicies(tx)).map((p) => p.id);
  const from = ids.indexOf(id);
  const to = direction === 'up' ? from - 1 : from + 1;
  if (to < 0 || to >= ids.length) return listPolicies(tx);
  [ids[from], ids[to]] = [ids[to]!, ids[from]!];
  return reorderPolicies(tx, orgId, actor, ids);
}
