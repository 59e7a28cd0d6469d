/** An SLA target's state, as far as the ticket carries one. */
export interface SlaState {
  /** Which target is running: first response, next response or resolution. */
  target: string;
  due_at: Date | null;
  /** Business minutes left (negative once breached); null when paused or met. */
  remaining_minutes: number | null;
  breached: boolean;
  paused?: boolean;
}

function duration(minutes: number): string {
  const m = Math.abs(minutes);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  return h < 48 ? `${h} h ${m % 60} min` : `${Math.floor(h / 24)} d ${h % 24} h`;
}

/**
 * The SLA badge: the running target and the business time left, in words as well as colour.
 * Without SLA state (no policy applies) it says so.
 */
export function SlaBadge(props: { sla: SlaState | null | undefined }) {
  const { sla } = props;
  if (!sla) return <span class="sla sla-none" data-testid="sla-badge">No SLA</span>;
  const what = sla.target.replace(/_/g, ' ');
  if (sla.paused) return <span class="sla sla-paused" data-testid="sla-badge">SLA {what}: paused</span>;
  if (sla.breached || (sla.remaining_minutes !== null && sla.remaining_minutes < 0)) {
    return <span class="sla sla-breached" data-testid="sla-badge">SLA {what}: breached{sla.remaining_minutes !== null ? ` ${duration(sla.remaining_minutes)} ago` : ''}</span>;
  }
  if (sla.remaining_minutes === null) return <span class="sla sla-met" data-testid="sla-badge">SLA {what}: met</span>;
  const risk = sla.remaining_minutes <= 60 ? 'sla-at-risk' : 'sla-ok';
  return (
    <span class={`sla ${risk}`} data-testid="sla-badge" title={sla.due_at ? `Due ${sla.due_at.toISOString()}` : undefined}>
      SLA {what}: {duration(sla.remaining_minutes)} left
    </span>
  );
}
