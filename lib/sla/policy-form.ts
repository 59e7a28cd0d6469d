import { PolicyInput, SLA_METRICS, type PolicyInputT, type PolicyJson } from '#lib/sla/policies.ts';
import { TICKET_CHANNELS, TICKET_PRIORITIES, TICKET_TYPES } from '#lib/tickets/model.ts';
import { formatMinutes, parseDuration } from './duration-input.ts';
import { t } from '#lib/i18n/translate.ts';
import type { PlaceIssue } from '#lib/http/schema-issues.ts';
import { checkAgainst } from '#lib/pages/form-errors.ts';

/** Statuses a policy may pause in (the API's picklist); solved and closed stop the clock anyway. */
export const PAUSABLE = ['new', 'open', 'pending', 'on_hold'] as const;

/** The form's names: `t_urgent_first_response` holds a duration, `b_…` ticks business hours. */
export const targetField = (priority: string, metric: string) => `t_${priority}_${metric}`;
export const businessField = (priority: string, metric: string) => `b_${priority}_${metric}`;

/** Ticked values of a group of checkboxes named `<prefix>_<value>`. */
function ticked(values: Record<string, string>, prefix: string, options: readonly string[]): string[] {
  return options.filter((o) => values[`${prefix}_${o}`] === 'on');
}

/** Words a person typed as a list: tags by commas or spaces, companies one per line (their names may hold commas). */
const words = (text: string | undefined, by: RegExp) =>
  (text ?? '')
    .split(by)
    .map((x) => x.trim())
    .filter(Boolean);

/** What the policy form shows for a stored policy. */
export function policyFormValues(p: PolicyJson): Record<string, string> {
  const values: Record<string, string> = { name: p.name, calendar_id: p.calendar_id, warn_percent: String(p.warn_percent) };
  if (p.active) values.active = 'on';
  const c = p.conditions;
  for (const [prefix, list] of [
    ['priority', c.priority],
    ['type', c.type],
    ['channel', c.channel],
    ['team', c.team_id],
  ] as const) {
    for (const x of list ?? []) values[`${prefix}_${x}`] = 'on';
  }
  values.tags = (c.tags ?? []).join(', ');
  values.company = (c.company ?? []).join('\n');
  for (const priority of TICKET_PRIORITIES) {
    for (const metric of SLA_METRICS) {
      const target = p.targets[priority]?.[metric];
      if (target) values[targetField(priority, metric)] = formatMinutes(target.minutes);
      // A box without a target keeps business hours ticked, so a target typed there later counts business time like a new policy's.
      if (target ? target.business_hours : true) values[businessField(priority, metric)] = 'on';
    }
  }
  for (const s of p.pause_statuses) values[`pause_${s}`] = 'on';
  values.escalate_priority = p.escalation?.priority ?? '';
  values.escalate_team_id = p.escalation?.team_id ?? '';
  return values;
}

/** A new policy: active, business hours everywhere, paused while pending or on hold, warned at 80%. */
export function newPolicyValues(calendarId: string | undefined): Record<string, string> {
  const values: Record<string, string> = { active: 'on', warn_percent: '80', pause_pending: 'on', pause_on_hold: 'on', calendar_id: calendarId ?? '' };
  for (const p of TICKET_PRIORITIES) for (const m of SLA_METRICS) values[businessField(p, m)] = 'on';
  return values;
}

/**
 * The policy form checked as the API's PolicyInput body, for a new policy and a changed one
 * alike (the form always sends every field). `teamIds` are the org's teams, the only team boxes
 * read. Refused (a duration that is not one, or anything the schema refuses), each message is
 * keyed by the form field it belongs beside.
 *
 * @example
 * const checked = checkPolicyForm(values, teams.map((team) => team.id));
 * if (checked.ok) await createPolicy(tx, orgId, actor, checked.value);
 */
export function checkPolicyForm(values: Record<string, string>, teamIds: readonly string[]): { ok: true; value: PolicyInputT } | { ok: false; errors: Record<string, string> } {
  const form = policyFromForm(values, teamIds);
  const checked = checkAgainst(PolicyInput, form.candidate, form.place);
  if (checked.ok && Object.keys(form.errors).length === 0) return checked;
  return { ok: false, errors: { ...(checked.ok ? {} : checked.errors), ...form.errors } };
}

function policyFromForm(values: Record<string, string>, teamIds: readonly string[]): { candidate: Record<string, unknown>; errors: Record<string, string>; place: PlaceIssue } {
  const errors: Record<string, string> = {};
  const targets: Record<string, Record<string, { minutes: number; business_hours: boolean }>> = {};
  for (const p of TICKET_PRIORITIES) {
    for (const m of SLA_METRICS) {
      const minutes = parseDuration(values[targetField(p, m)]);
      if (minutes === null) errors[targetField(p, m)] = t('admin_sla.policy.error.duration');
      else if (minutes !== undefined) (targets[p] ??= {})[m] = { minutes, business_hours: values[businessField(p, m)] === 'on' };
    }
  }
  const conditions = Object.fromEntries(
    Object.entries({
      priority: ticked(values, 'priority', TICKET_PRIORITIES),
      type: ticked(values, 'type', TICKET_TYPES),
      channel: ticked(values, 'channel', TICKET_CHANNELS),
      team_id: ticked(values, 'team', teamIds),
      tags: words(values.tags, /[\s,]+/),
      company: words(values.company, /\r?\n/),
    }).filter(([, list]) => list.length > 0),
  );
  const escalatePriority = values.escalate_priority || null;
  const escalateTeam = values.escalate_team_id || null;
  const warn = values.warn_percent?.trim() ?? '';
  const candidate = {
    name: values.name ?? '',
    calendar_id: values.calendar_id ?? '',
    active: values.active === 'on',
    conditions,
    // A blank duration box (or one refused above) is no target; none at all is the schema's to refuse.
    targets,
    pause_statuses: ticked(values, 'pause', PAUSABLE),
    warn_percent: /^\d+$/.test(warn) ? Number(warn) : warn,
    escalation: escalatePriority || escalateTeam ? { priority: escalatePriority, team_id: escalateTeam } : null,
  };
  const place: PlaceIssue = (path, message) => {
    const parts = path.split('.');
    if (parts[0] === 'targets' && parts[1] && parts[2]) return [targetField(parts[1], parts[2]), message];
    if (parts[0] === 'targets') return ['targets', Object.keys(errors).length ? t('admin_sla.policy.error.fix_durations') : t('admin_sla.policy.error.no_targets')];
    if (parts[0] === 'conditions') return [parts[1] === 'tags' || parts[1] === 'company' ? parts[1] : 'conditions', message];
    if (parts[0] === 'escalation') return [parts[1] === 'team_id' ? 'escalate_team_id' : 'escalate_priority', message];
    if (parts[0] === 'warn_percent') return ['warn_percent', t('admin_sla.policy.error.warn_percent')];
    if (parts[0] === 'calendar_id') return ['calendar_id', t('admin_sla.policy.error.calendar')];
    return [parts[0] || 'name', message];
  };
  return { candidate, errors, place };
}
