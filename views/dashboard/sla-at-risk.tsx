import type { AtRiskTicket } from '#lib/agent-app/sla-at-risk.ts';
import { shortTime } from '#views/queue/format.ts';
import { TableScroll } from '#views/table-scroll.tsx';

const METRICS: Record<string, string> = { first_response: 'First response', next_response: 'Next response', resolution: 'Resolution' };

/** "in 23 min" or "5 min overdue", to the minute. */
function dueIn(due: Date, now: number): string {
  const minutes = Math.round((due.getTime() - now) / 60_000);
  if (minutes >= 0) return minutes < 60 ? `in ${minutes} min` : `in ${Math.floor(minutes / 60)} h ${minutes % 60} min`;
  return `${-minutes} min overdue`;
}

/** The dashboard's SLA list: tickets whose target runs out within the hour, soonest first. */
export function SlaAtRisk(props: { data: { items: AtRiskTicket[]; count: number; capped: boolean }; staff: ReadonlyMap<string, string>; zone: string }) {
  const now = Date.now();
  const { data } = props;
  return (
    <section aria-labelledby="dash-sla-title" class="dash-list">
      <h2 id="dash-sla-title">
        SLA at risk <span class="count">{data.capped ? `${data.count}+` : String(data.count)}</span>
      </h2>
      <TableScroll label="Table of tickets at risk of missing their SLA">
        <table class="tickets" id="dash-sla">
          <caption class="sr-only">Tickets whose SLA target is due within the hour</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Subject</th>
              <th scope="col">Target</th>
              <th scope="col">Due</th>
              <th scope="col">Assignee</th>
            </tr>
          </thead>
          <tbody>
            {data.items.length ? (
              data.items.map((t) => (
                <tr id={`sla-row-${t.number}-${t.metric}`} data-row="">
                  <td class="num">#{t.number}</td>
                  <td class="subject">
                    <a class="row-link" href={`/app/tickets/${t.number}`}>
                      {t.subject}
                    </a>
                  </td>
                  <td>{METRICS[t.metric] ?? t.metric}</td>
                  <td>
                    <span class={t.overdue ? 'badge sla-overdue' : 'badge sla-soon'}>{dueIn(t.due_at, now)}</span>{' '}
                    <time class="muted small" datetime={t.due_at.toISOString()}>
                      {shortTime(t.due_at, props.zone)}
                    </time>
                  </td>
                  <td class={t.assignee_id ? undefined : 'muted'}>{t.assignee_id ? (props.staff.get(t.assignee_id) ?? 'Someone') : 'Unassigned'}</td>
                </tr>
              ))
            ) : (
              <tr>
                <td colspan={5} class="empty">
                  No SLA target runs out within the hour.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
