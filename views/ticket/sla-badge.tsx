import { formatDateTime, formatDuration } from '#lib/i18n/format.ts';
import type { MessageKey } from '#lib/i18n/locales.ts';
import { t } from '#lib/i18n/translate.ts';
import type { SlaTargetJson, TicketSlaJson } from '#lib/sla/ticket-state.ts';

const METRIC: Record<SlaTargetJson['metric'], MessageKey> = {
  first_response: 'sla_badge.metric.first_response',
  next_response: 'sla_badge.metric.next_response',
  resolution: 'sla_badge.metric.resolution',
};

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
        {t('sla_badge.none')}
      </span>
    );
  if (!target)
    return (
      <span class="sla sla-met" data-testid="sla-badge">
        {t('sla_badge.met')}
      </span>
    );
  // Whole minutes, rounded as the clock counts them.
  const values = { metric: t(METRIC[target.metric]), duration: formatDuration(Math.round(target.remaining_minutes) * 60_000) };
  const title = target.due_at ? t('sla_badge.due', { at: formatDateTime(target.due_at) }) : undefined;
  if (target.status === 'breached' || target.remaining_minutes < 0) {
    return (
      <span class="sla sla-breached" data-testid="sla-badge" title={title}>
        {t('sla_badge.overdue', values)}
      </span>
    );
  }
  if (target.status === 'paused')
    return (
      <span class="sla sla-paused" data-testid="sla-badge">
        {t('sla_badge.paused', values)}
      </span>
    );
  const risk = target.warn_at && target.warn_at.getTime() <= Date.now() ? 'sla-at-risk' : 'sla-ok';
  return (
    <span class={`sla ${risk}`} data-testid="sla-badge" title={title}>
      {target.business_hours ? t('sla_badge.left_business', values) : t('sla_badge.left', values)}
    </span>
  );
}
