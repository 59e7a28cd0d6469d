import type { ApiKeyCaller, MemberCaller } from '#lib/auth/caller.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import { HttpError } from '#lib/http/errors.ts';
import { recomputeSla } from '#lib/sla/apply.ts';
import { assertAssignable } from '#lib/staff/assignable.ts';
import { parseCustomFields } from '#lib/custom-fields/values.ts';
import { findTicket } from './read.ts';
import { nextRoundRobinAssignee } from './round-robin.ts';
import type { TicketRow } from './model.ts';
import { t } from '#lib/i18n/translate.ts';

export interface TicketPatch {
  subject?: string | undefined;
  status?: string | undefined;
  priority?: string | undefined;
  type?: string | undefined;
  assignee_id?: string | null | undefined;
  team_id?: string | null | undefined;
  tags?: string[] | undefined;
  custom_fields?: Record<string, unknown> | undefined;
}

/**
 * Changes a ticket's fields. Transitions and required custom fields are checked by the database
 * trigger (sql/006_tickets.sql), which answers 422 with its reason. Custom fields merge into the
 * existing ones (null clears a field). Moving a ticket to a round-robin team without naming an
 * assignee hands it to the team's next member.
 *
 * @example
 * const row = await updateTicket(db, caller, 42, { status: 'pending' });
 */
export async function updateTicket(tx: TransactionSql, caller: MemberCaller | ApiKeyCaller, number: number, patch: TicketPatch): Promise<TicketRow> {
  const current = await findTicket(tx, number, { lock: true });
  if (current.status === 'closed') throw new HttpError(422, 'ticket_closed', t('error.ticket_closed_no_change', { number: String(number) }));
  if (patch.assignee_id) await assertAssignable(tx, patch.assignee_id);
  const custom = patch.custom_fields === undefined ? undefined : await parseCustomFields(tx, patch.custom_fields);
  let assignee = patch.assignee_id;
  if (assignee === undefined && patch.team_id && patch.team_id !== current.team_id) assignee = (await nextRoundRobinAssignee(tx, patch.team_id)) ?? undefined;
  await tx`
    update tickets set
      subject = coalesce(${patch.subject ?? null}, subject),
      status = coalesce(${patch.status ?? null}::ticket_status, status),
      priority = coalesce(${patch.priority ?? null}::ticket_priority, priority),
      type = coalesce(${patch.type ?? null}::ticket_type, type),
      assignee_id = case when ${assignee !== undefined} then ${assignee ?? null}::uuid else assignee_id end,
      team_id = case when ${patch.team_id !== undefined} then ${patch.team_id ?? null}::uuid else team_id end,
      tags = coalesce(${patch.tags ? [...new Set(patch.tags)] : null}::text[], tags),
      custom_fields = case when ${custom !== undefined} then jsonb_strip_nulls(custom_fields || ${tx.json((custom ?? {}) as never)}) else custom_fields end,
      updated_at = now()
    where number = ${number}`;
  await recomputeSla(tx, caller.orgId, [number]);
  return findTicket(tx, number);
}
