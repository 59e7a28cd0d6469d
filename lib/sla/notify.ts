import type { TransactionSql } from '#lib/db/pool.ts';
import { storedReader } from '#lib/i18n/member-reader.ts';
import { forReader } from '#lib/i18n/reader.ts';
import { t } from '#lib/i18n/translate.ts';
import type { TicketPriority } from '#lib/tickets/model.ts';
import type { SlaMetric } from './types.ts';

/** One transition of one target, as sla_events records it. */
export interface Transition {
  number: string;
  metric: SlaMetric;
  kind: 'started' | 'paused' | 'resumed' | 'warning' | 'breached' | 'fulfilled';
  dueAt: Date | null;
  policyId: string;
}

/**
 * Tells the ticket's assignee and its team's leads about warnings and breaches: an in-app
 * notification row each, and an email in the outbox (sent by the mail worker), each in its
 * recipient's language (app.reader_of). A ticket with neither assignee nor team leads notifies
 * nobody.
 *
 * @example
 * await notifyTransitions(tx, orgId, [{ number: '42', metric: 'resolution', kind: 'breached', dueAt, policyId }]);
 */
export async function notifyTransitions(tx: TransactionSql, orgId: string, alerts: readonly Transition[]): Promise<void> {
  if (alerts.length === 0) return;
  const rows = alerts.map((a) => ({ number: a.number, kind: a.kind === 'breached' ? 'sla_breach' : 'sla_warning', metric: a.metric, due_at: a.dueAt }));
  const recipients = await tx<{ number: string; kind: string; metric: string; due_at: Date | null; user_id: string; locale: string | null; time_zone: string | null }[]>`
    with alert as (
      select * from jsonb_to_recordset(${tx.json(rows as never)}) as x (number bigint, kind text, metric text, due_at timestamptz)
    )
    select distinct a.number::text, a.kind, a.metric, a.due_at, r.user_id, rd.locale, rd.time_zone
    from alert a join tickets t on t.number = a.number
    cross join lateral (
      select t.assignee_id as user_id where t.assignee_id is not null
      union
      select tm.user_id from team_members tm join memberships m on m.user_id = tm.user_id
      where tm.team_id = t.team_id and m.role = 'lead' and m.disabled_at is null
    ) r
    cross join lateral app.reader_of(r.user_id) rd`;
  if (recipients.length === 0) return;
  const worded = recipients.map((r) =>
    forReader(storedReader(r), () => {
      const title = t(r.kind === 'sla_breach' ? 'sla.alert.missed' : 'sla.alert.due_soon', { number: r.number, metric: r.metric });
      return { ...r, title, body: t('sla.alert.body', { title, path: `/app/tickets/${r.number}` }) };
    }),
  );
  await tx`
    with recipient as (
      select * from jsonb_to_recordset(${tx.json(worded as never)})
        as x (number bigint, kind text, metric text, due_at timestamptz, user_id uuid, title text, body text)
    ), notified as (
      -- No RETURNING: the rows are the recipients', which the acting role may not read back.
      insert into notifications (org_id, user_id, kind, ticket_number, title, details)
      select ${orgId}, user_id, kind, number, title, jsonb_build_object('metric', metric, 'due_at', due_at) from recipient
    )
    insert into outbox (org_id, kind, to_address, recipient_user_id, ticket_number, auto_submitted, subject, body_text)
    select ${orgId}, r.kind, u.email, r.user_id, r.number, 'auto-generated', r.title, r.body
    from recipient r join people u on u.id = r.user_id`;
}

interface EscalationRule {
  escalate_priority: TicketPriority | null;
  escalate_team_id: string | null;
}

/**
 * Applies the breached tickets' policy escalations: raises the priority to the policy's (never
 * lowers it) and moves the ticket to the policy's team. Returns the tickets that changed.
 */
export async function escalate(tx: TransactionSql, breaches: readonly Transition[], policies: ReadonlyMap<string, EscalationRule>): Promise<string[]> {
  const rows: { number: string; priority: TicketPriority | null; team_id: string | null }[] = [];
  for (const b of breaches) {
    const rule = policies.get(b.policyId);
    if (!rule || (!rule.escalate_priority && !rule.escalate_team_id) || rows.some((r) => r.number === b.number)) continue;
    rows.push({ number: b.number, priority: rule.escalate_priority, team_id: rule.escalate_team_id });
  }
  if (!rows.length) return [];
  const changed = await tx<{ number: string }[]>`
    update tickets t set
      priority = case when x.priority is not null and x.priority > t.priority then x.priority else t.priority end,
      team_id = coalesce(x.team_id, t.team_id),
      updated_at = now()
    from jsonb_to_recordset(${tx.json(rows as never)}) as x (number bigint, priority ticket_priority, team_id uuid)
    where t.number = x.number
      and ((x.priority is not null and x.priority > t.priority) or (x.team_id is not null and x.team_id is distinct from t.team_id))
    returning t.number::text as number`;
  return changed.map((r) => r.number);
}
