import * as v from 'valibot';
import { between, maxChars, notEmpty, oneOf, sendAChange } from '#lib/http/validation-messages.ts';
import { audit, type AuditActor } from '#lib/audit/record.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import { HttpError } from '#lib/http/errors.ts';
import { uuid } from '#lib/http/schemas.ts';
import { priority, tag, ticketType, TICKET_CHANNELS, TICKET_PRIORITIES, type TicketPriority, type TicketStatus } from '#lib/tickets/model.ts';
import { findCalendar, toBusinessCalendar } from './calendar-store.ts';
import { assertCalendarServes, largestBusinessTarget } from './calendar-check.ts';
import type { SlaMetric } from './types.ts';
import { t } from '#lib/i18n/translate.ts';

export const SLA_METRICS = ['first_response', 'next_response', 'resolution'] as const satisfies readonly SlaMetric[];

const target = v.strictObject({
  minutes: v.pipe(
    v.number(),
    v.integer(),
    v.minValue(1, () => t('validation.at_least', { min: 1 })),
    v.maxValue(525_600, () => t('validation.sla.max_minutes')),
  ),
  business_hours: v.optional(v.boolean(), true),
});
const priorityTargets = v.pipe(
  v.strictObject({ first_response: v.optional(target), next_response: v.optional(target), resolution: v.optional(target) }),
  v.check(
    (t) => Object.values(t).some((x) => x !== undefined),
    () => t('validation.sla.some_target'),
  ),
);
const list = <T extends v.GenericSchema>(item: T) => v.pipe(v.array(item), v.minLength(1, notEmpty), v.maxLength(100));
const conditions = v.strictObject({
  priority: v.optional(list(priority)),
  type: v.optional(list(ticketType)),
  channel: v.optional(list(v.picklist(TICKET_CHANNELS, oneOf(TICKET_CHANNELS)))),
  team_id: v.optional(list(uuid)),
  tags: v.optional(list(tag)),
  company: v.optional(list(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200)))),
});
const pausable = v.picklist(['new', 'open', 'pending', 'on_hold'] as const, () => t('validation.sla.pausable'));

const fields = {
  name: v.pipe(v.string(), v.trim(), v.minLength(1, notEmpty), v.maxLength(100, maxChars(100))),
  position: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000))),
  active: v.optional(v.boolean()),
  calendar_id: uuid,
  conditions: v.optional(conditions),
  targets: v.pipe(
    v.strictObject(Object.fromEntries(TICKET_PRIORITIES.map((p) => [p, v.optional(priorityTargets)])) as Record<TicketPriority, v.OptionalSchema<typeof priorityTargets, undefined>>),
    v.check(
      (t) => Object.values(t).some((x) => x !== undefined),
      () => t('validation.sla.some_priority'),
    ),
  ),
  pause_statuses: v.optional(v.pipe(v.array(pausable), v.maxLength(4))),
  warn_percent: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(99, between(1, 99)))),
  escalation: v.optional(v.nullable(v.strictObject({ priority: v.optional(v.nullable(priority)), team_id: v.optional(v.nullable(uuid)) }))),
};

export const PolicyInput = v.strictObject(fields);
export const PolicyPatch = v.pipe(
  v.strictObject({ ...fields, name: v.optional(fields.name), calendar_id: v.optional(uuid), targets: v.optional(fields.targets) }),
  v.check((b) => Object.values(b).some((x) => x !== undefined), sendAChange),
);
export type PolicyInputT = v.InferOutput<typeof PolicyInput>;
export type PolicyPatchT = v.InferOutput<typeof PolicyPatch>;
export type PolicyConditions = v.InferOutput<typeof conditions>;
export type PolicyTargets = Partial<Record<TicketPriority, Partial<Record<SlaMetric, { minutes: number; business_hours: boolean }>>>>;

export interface PolicyJson {
  id: string;
  name: string;
  position: number;
  active: boolean;
  calendar_id: string;
  conditions: PolicyConditions;
  targets: PolicyTargets;
  pause_statuses: TicketStatus[];
  warn_percent: number;
  escalation: { priority: TicketPriority | null; team_id: string | null } | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `id, name, position, active, calendar_id, conditions, targets, pause_statuses::text[] as pause_statuses, warn_percent,
  case when escalate_priority is null and escalate_team_id is null then null
       else jsonb_build_object('priority', escalate_priority, 'team_id', escalate_team_id) end as escalation,
  created_at, updated_at`;

/** The org's policies in the order they are tried. */
export async function listPolicies(tx: TransactionSql): Promise<PolicyJson[]> {
  return tx.unsafe<PolicyJson[]>(`select ${COLUMNS} from sla_policies order by position, created_at, id limit 1000`);
}

/** One policy; another org's id is a 404, by RLS. */
export async function findPolicy(tx: TransactionSql, id: string): Promise<PolicyJson> {
  const [row] = await tx.unsafe<PolicyJson[]>(`select ${COLUMNS} from sla_policies where id = $1`, [id]);
  if (!row) throw new HttpError(404, 'not_found', t('error.sla_policy_not_found', { id }));
  return row;
}

/** A referenced calendar and escalation team must be this org's: 422 otherwise. */
async function assertReferences(tx: TransactionSql, calendarId: string | undefined, teamId: string | null | undefined): Promise<void> {
  if (calendarId) {
    const [c] = await tx`select 1 from sla_calendars where id = ${calendarId}`;
    if (!c) throw new HttpError(422, 'invalid_reference', t('error.sla_calendar_not_found', { id: calendarId }));
  }
  if (teamId) {
    const [team] = await tx`select 1 from teams where id = ${teamId}`;
    if (!team) throw new HttpError(422, 'invalid_reference', t('error.team_not_found', { id: teamId }));
  }
}

/** 422 unless the calendar can compute every business-hours target of the policy (calendar-check.ts). */
async function assertTargetsReachable(tx: TransactionSql, calendarId: string, targets: PolicyTargets): Promise<void> {
  assertCalendarServes(toBusinessCalendar(await findCalendar(tx, calendarId)), largestBusinessTarget([targets]));
}

/**
 * Creates a policy (recorded in the audit log as `actor`'s); without a position it goes last.
 * A business-hours target its calendar would take more than 20 years to reach is a 422.
 */
export async function createPolicy(tx: TransactionSql, orgId: string, actor: AuditActor, input: PolicyInputT): Promise<PolicyJson> {
  await assertReferences(tx, input.calendar_id, input.escalation?.team_id);
  await assertTargetsReachable(tx, input.calendar_id, input.targets);
  const [row] = await tx<{ id: string }[]>`
    insert into sla_policies (org_id, name, position, active, calendar_id, conditions, targets, pause_statuses, warn_percent, escalate_priority, escalate_team_id)
    values (${orgId}, ${input.name}, coalesce(${input.position ?? null}::integer, (select coalesce(max(position) + 1, 0) from sla_policies)),
            ${input.active ?? true}, ${input.calendar_id}, ${tx.json((input.conditions ?? {}) as never)}, ${tx.json(input.targets as never)},
            ${input.pause_statuses ?? ['pending', 'on_hold']}::ticket_status[], ${input.warn_percent ?? 80},
            ${input.escalation?.priority ?? null}::ticket_priority, ${input.escalation?.team_id ?? null}::uuid)
    returning id`;
  await audit(tx, orgId, actor, { action: 'sla_policy.create', targetType: 'sla_policy', targetId: row!.id, details: { name: input.name } });
  return findPolicy(tx, row!.id);
}

/**
 * Changes a policy and records which fields were sent in the audit log; the open tickets are
 * re-computed by the job the change enqueues.
 */
export async function updatePolicy(tx: TransactionSql, orgId: string, actor: AuditActor, id: string, patch: PolicyPatchT): Promise<PolicyJson> {
  const before = await findPolicy(tx, id);
  await assertReferences(tx, patch.calendar_id, patch.escalation?.team_id);
  if (patch.calendar_id !== undefined || patch.targets !== undefined) {
    await assertTargetsReachable(tx, patch.calendar_id ?? before.calendar_id, patch.targets ?? before.targets);
  }
  const esc = patch.escalation;
  await tx`
    update sla_policies set
      name = coalesce(${patch.name ?? null}, name),
      position = coalesce(${patch.position ?? null}::integer, position),
      active = coalesce(${patch.active ?? null}::boolean, active),
      calendar_id = coalesce(${patch.calendar_id ?? null}::uuid, calendar_id),
      conditions = coalesce(${patch.conditions ? tx.json(patch.conditions as never) : null}::jsonb, conditions),
      targets = coalesce(${patch.targets ? tx.json(patch.targets as never) : null}::jsonb, targets),
      pause_statuses = coalesce(${patch.pause_statuses ?? null}::ticket_status[], pause_statuses),
      warn_percent = coalesce(${patch.warn_percent ?? null}::integer, warn_percent),
      escalate_priority = case when ${esc !== undefined} then ${esc?.priority ?? null}::ticket_priority else escalate_priority end,
      escalate_team_id = case when ${esc !== undefined} then ${esc?.team_id ?? null}::uuid else escalate_team_id end,
      updated_at = now()
    where id = ${id}`;
  await audit(tx, orgId, actor, { action: 'sla_policy.update', targetType: 'sla_policy', targetId: id, details: { changed: Object.keys(patch) } });
  return findPolicy(tx, id);
}

/** Deletes a policy: its tickets keep their recorded targets until the recompute job re-matches them. */
export async function deletePolicy(tx: TransactionSql, orgId: string, actor: AuditActor, id: string): Promise<PolicyJson> {
  const policy = await findPolicy(tx, id);
  await tx`delete from sla_policies where id = ${id}`;
  await audit(tx, orgId, actor, { action: 'sla_policy.delete', targetType: 'sla_policy', targetId: id, details: { name: policy.name } });
  return policy;
}
