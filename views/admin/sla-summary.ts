import { formatMinutes } from '#lib/sla/duration-input.ts';
import type { CalendarJson } from '#lib/sla/calendar-store.ts';
import { SLA_METRICS, type PolicyJson } from '#lib/sla/policies.ts';
import { TICKET_PRIORITIES } from '#lib/tickets/model.ts';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const METRIC_LABELS = { first_response: 'first response', next_response: 'next response', resolution: 'resolution' } as const;

/** A calendar's opening hours in one line: `Mon 09:00–17:00, Tue 22:00–06:00`. */
export function calendarHours(c: Pick<CalendarJson, 'always_open' | 'weekly'>): string {
  if (c.always_open) return 'Open around the clock';
  return [...c.weekly]
    .sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start))
    .map((i) => `${DAYS[i.weekday - 1]} ${i.start}–${i.end}`)
    .join(', ');
}

/** A policy's targets in one line, most urgent first: `urgent: first response 30m (business), resolution 4h`. */
export function targetsSummary(p: Pick<PolicyJson, 'targets'>): string {
  return [...TICKET_PRIORITIES]
    .reverse()
    .flatMap((priority) => {
      const t = p.targets[priority];
      const parts = SLA_METRICS.flatMap((m) => (t?.[m] ? [`${METRIC_LABELS[m]} ${formatMinutes(t[m].minutes)}${t[m].business_hours ? ' (business)' : ''}`] : []));
      return parts.length ? [`${priority}: ${parts.join(', ')}`] : [];
    })
    .join('; ');
}

/** Which tickets a policy matches, in one line; no conditions is every ticket. */
export function conditionsSummary(p: Pick<PolicyJson, 'conditions'>, teamNames: ReadonlyMap<string, string> = new Map()): string {
  const c = p.conditions;
  const parts = [
    c.priority ? `priority ${c.priority.join(' or ')}` : '',
    c.type ? `type ${c.type.join(' or ')}` : '',
    c.channel ? `channel ${c.channel.join(' or ')}` : '',
    c.team_id ? `team ${c.team_id.map((id) => teamNames.get(id) ?? 'a deleted team').join(' or ')}` : '',
    c.tags ? `tag ${c.tags.join(' or ')}` : '',
    c.company ? `company ${c.company.join(' or ')}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join('; ') : 'Every ticket';
}
