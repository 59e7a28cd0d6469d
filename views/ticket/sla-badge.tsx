import type { SlaTargetJson, TicketSlaJson } from '#lib/sla/ticket-state.ts';

function duration(minutes: number): string {
  const m = Math.abs(Math.round(minutes));
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  return h < 48 ? `${h} h ${m % 60} min` : `${Math.floor(h / 24)} d ${h % 24} h`;
}

const METRIC: Record<SlaTargetJson['metric'], string> = { first_response: 'first reply', next_response: 'next reply', resolution: 'resolution' };

/** The target the badge shows: a breached one first, then the running one due soonest, then a paused one. */
function mostUrgent(targets: SlaTargetJson[]): SlaTargetJson | undefined {
  const by = (status: SlaTargetJson['status']) => targets.filter((t) => t.status === status).sort((a, b) => a.remaining_minutes - b.remaining_minutes)[0];
  return by('breached') ?? by('running') ?? by('paused');
}

/**
 * The SLA badge (lib/sla/ticket-state.ts): the most urgent target and its remaining time
 * (business time when the policy's calendar says so), in words as well as colour. Without a
 * policy, or with every target met, it says so.
 */
export function SlaBadge(props: { sla: TicketSlaJson | null | undefined }) {
  const target = props.sla ? mostUrgent(props.sla.targets) : undefined;
  if (!props.sla)
    return (
      <span class="sla sla-none" data-testid="sla-badge">
        No SLA
      </span>
    );
  if (!target)
    return (
      <span class="sla sla-met" data-testid="sla-badge">
        SLA met
      </span>
    );
  const what = METRIC[target.metric];
  const kind = target.business_hours ? ' of business time' : '';
  const title = target.due_at ? `Due ${target.due_at.toISOString()}` : undefined;
  if (target.status === 'breached' || target.remaining_minutes < 0) {
    return (
      <span class="sla sla-breached" data-testid="sla-badge" title={title}>
        SLA {what}: overdue by {duration(target.remaining_minutes)}
      </span>
    );
  }
  if (target.status === 'paused')
    return (
      <span class="sla sla-paused" data-testid="sla-badge">
        SLA {what}: paused, {duration(target.remaining_minutes)} left
      </span>
    );
  const risk = target.warn_at && target.warn_at.getTime() <= Date.now() ? 'sla-at-risk' : 'sla-ok';
  return (
    <span class={`sla ${risk}`} data-testid="sla-badge" title={title}>
      SLA {what}: {duration(target.remaining_minutes)}
      {kind} left
    </span>
  );
}
