import type { AtRiskTicket } from '#lib/agent-app/sla-at-risk.ts';
import { formatDuration, formatNumber, formatShortDateTime } from '#lib/i18n/format.ts';
import type { MessageKey } from '#lib/i18n/locales.ts';
import { t } from '#lib/i18n/translate.ts';
import { TableScroll } from '#views/table-scroll.tsx';

const METRICS: Record<string, MessageKey> = {
  first_response: 'dashboard.sla.metric.first_response',
  next_response: 'dashboard.sla.metric.next_response',
  resolution: 'dashboard.sla.metric.resolution',
};

/** "23 min left" or "overdue by 5 min", to the minute. */
function dueIn(due: Date, now: number): string {
  const ms = due.getTime() - now;
  return ms >= 0 ? t('sla.time_left', { duration: formatDuration(ms) }) : t('sla.overdue_by', { duration: formatDuration(ms) });
}

/** The dashboard's SLA list: tickets whose target runs out within the hour, soonest first. */
export function SlaAtRisk(props: { data: { items: AtRiskTicket[]; count: number; capped: boolean }; staff: ReadonlyMap<string, string> }) {
  const now = Date.now();
  const { data } = props;
  return (
    <section aria-labelledby="dash-sla-title" class="dash-list">
      <h2 id="dash-sla-title">
        {t('dashboard.sla.title')} <span class="count">{data.capped ? `${formatNumber(data.count)}+` : formatNumber(data.count)}</span>
      </h2>
      <TableScroll label={t('dashboard.sla.table_label')}>
        <table class="tickets" id="dash-sla">
          <caption class="sr-only">{t('dashboard.sla.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('queue.field.subject')}</th>
              <th scope="col">{t('dashboard.sla.target')}</th>
              <th scope="col">{t('dashboard.sla.due')}</th>
              <th scope="col">{t('queue.field.assignee')}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.length ? (
              data.items.map((ticket) => {
                const metric = METRICS[ticket.metric];
                return (
                  <tr id={`sla-row-${ticket.number}-${ticket.metric}`} data-row="">
                    <td class="num">#{ticket.number}</td>
                    <td class="subject">
                      <a class="row-link" href={`/app/tickets/${ticket.number}`}>
                        {ticket.subject}
                      </a>
                    </td>
                    <td>{metric ? t(metric) : ticket.metric}</td>
                    <td>
                      <span class={ticket.overdue ? 'badge sla-overdue' : 'badge sla-soon'}>{dueIn(ticket.due_at, now)}</span>{' '}
                      <time class="muted small" datetime={ticket.due_at.toISOString()}>
                        {formatShortDateTime(ticket.due_at)}
                      </time>
                    </td>
                    <td class={ticket.assignee_id ? undefined : 'muted'}>{ticket.assignee_id ? (props.staff.get(ticket.assignee_id) ?? t('queue.row.someone')) : t('common.unassigned')}</td>
                  </tr>
                );
              })
            ) : (
              <tr>
                <td colspan={5} class="empty">
                  {t('dashboard.sla.empty')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
