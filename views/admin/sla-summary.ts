import { t } from '#lib/i18n/translate.ts';
import type { CalendarJson } from '#lib/sla/calendar-store.ts';
import { weekdayName } from '#lib/sla/calendar-days.ts';
import { SLA_METRICS, type PolicyJson } from '#lib/sla/policies.ts';
import { formatDuration, formatList } from '#lib/i18n/format.ts';
import { TICKET_PRIORITIES } from '#lib/tickets/model.ts';

/** A calendar's opening hours in one line: `Mon 09:00–17:00, Tue 22:00–06:00` / `Mo 09:00–17:00, …`. */
export function calendarHours(c: Pick<CalendarJson, 'always_open' | 'weekly'>): string {
  if (c.always_open) return t('admin_sla.summary.always_open');
  return [...c.weekly]
    .sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start))
    .map((i) => t('admin_sla.summary.interval', { day: weekdayName(i.weekday, 'short'), start: i.start, end: i.end }))
    .join(', ');
}

/** A policy's targets in one line, most urgent first: `urgent: first response 30 mins (business), resolution 4 hrs`. */
export function targetsSummary(p: Pick<PolicyJson, 'targets'>): string {
  return [...TICKET_PRIORITIES]
    .reverse()
    .flatMap((priority) => {
      const targets = p.targets[priority];
      const parts = SLA_METRICS.flatMap((metric) => {
        const target = targets?.[metric];
        if (!target) return [];
        const values = { metric, duration: formatDuration(target.minutes * 60_000, 'hour') };
        return [target.business_hours ? t('admin_sla.summary.target_business', values) : t('admin_sla.summary.target', values)];
      });
      return parts.length ? [t('admin_sla.summary.priority_targets', { priority, targets: parts.join(', ') })] : [];
    })
    .join('; ');
}

/** Any of several values, as the language says it: `urgent or high` / `dringend oder hoch`. */
const anyOf = (words: string[]) => formatList(words, 'disjunction');

/** Which tickets a policy matches, in one line; no conditions is every ticket. */
export function conditionsSummary(p: Pick<PolicyJson, 'conditions'>, teamNames: ReadonlyMap<string, string> = new Map()): string {
  const c = p.conditions;
  const parts = [
    c.priority ? t('admin_sla.summary.condition_priority', { values: anyOf(c.priority.map((value) => t('admin_sla.summary.priority_value', { value }))) }) : '',
    c.type ? t('admin_sla.summary.condition_type', { values: anyOf(c.type.map((value) => t('admin_sla.summary.type_value', { value }))) }) : '',
    c.channel ? t('admin_sla.summary.condition_channel', { values: anyOf(c.channel.map((value) => t('admin_sla.summary.channel_value', { value }))) }) : '',
    c.team_id ? t('admin_sla.summary.condition_team', { values: anyOf(c.team_id.map((id) => teamNames.get(id) ?? t('admin_sla.summary.deleted_team'))) }) : '',
    c.tags ? t('admin_sla.summary.condition_tag', { values: anyOf(c.tags) }) : '',
    c.company ? t('admin_sla.summary.condition_company', { values: anyOf(c.company) }) : '',
  ].filter(Boolean);
  return parts.length ? parts.join('; ') : t('admin_sla.summary.every_ticket');
}
