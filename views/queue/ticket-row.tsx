import type { TicketRow } from '#lib/tickets/model.ts';
import { shortTime, statusLabel } from './format.ts';

/** What every row of a list needs besides its ticket. */
export interface RowContext {
  /** Staff names by user id, for the assignee column. */
  staff: ReadonlyMap<string, string>;
  /** The org's time zone, for the times shown. */
  zone: string;
  /**
   * Rows carry a checkbox for the bulk form and refresh themselves on live updates (queues and
   * search). The dashboard's rows do neither: its lists are refreshed whole.
   */
  selectable: boolean;
}

/** The stable id of a ticket's row, in every list: what a live update or a bulk result replaces. */
export const rowId = (number: string | number) => `ticket-row-${number}`;

/**
 * What makes a selectable row refresh itself when anyone changes its ticket (the `ticket-N` live
 * event): it fetches itself again from GET /app/queues/rows/:number, sending its checkbox along
 * so that a ticked row comes back ticked. Not on `resync`: fifty rows refetching at once after a
 * reconnect is the queue notice's job (views/queue/fresh-notice.tsx).
 */
function liveRow(number: string) {
  return {
    'hx-get': `/app/queues/rows/${number}`,
    'hx-trigger': `ticket-${number} from:#live-events`,
    'hx-include': 'find input[type=checkbox]',
    'hx-swap': 'outerHTML',
  };
}

/**
 * One ticket in a list. The row's id is `ticket-row-<number>` and GET /app/queues/rows/:number
 * answers this same row, so anything may refresh it alone. `data-row` is what j/k move between
 * (views/assets/shortcuts.js); the subject link is what they focus and Enter opens.
 */
export function TicketRowView(props: { ticket: TicketRow; ctx: RowContext; checked?: boolean }) {
  const t = props.ticket;
  const { ctx } = props;
  const assignee = t.assignee_id ? (ctx.staff.get(t.assignee_id) ?? 'Someone') : null;
  return (
    <tr id={rowId(t.number)} data-row="" {...(ctx.selectable ? liveRow(t.number) : {})}>
      {ctx.selectable ? (
        <td class="pick">
          <input type="checkbox" form="bulk-form" name={`pick-${t.number}`} value={t.number} checked={props.checked} aria-label={`Select ticket #${t.number}`} />
        </td>
      ) : null}
      <td class="num">#{t.number}</td>
      <td class="subject">
        <a class="row-link" href={`/app/tickets/${t.number}`}>
          {t.subject}
        </a>
        {t.tags.length ? (
          <span class="tags">
            {t.tags.map((tag) => (
              <span class="tag">{tag}</span>
            ))}
          </span>
        ) : null}
        {t.merged_into ? <span class="muted small"> merged into #{t.merged_into}</span> : null}
      </td>
      <td class="requester" title={t.requester_email}>
        {t.requester_name || t.requester_email}
      </td>
      <td>
        <span class={`badge status-${t.status}`}>{statusLabel(t.status)}</span>
      </td>
      <td>
        <span class={`prio prio-${t.priority}`}>{t.priority}</span>
      </td>
      <td class={assignee ? undefined : 'muted'}>{assignee ?? 'Unassigned'}</td>
      <td class="when">
        <time datetime={t.updated_at.toISOString()}>{shortTime(t.updated_at, ctx.zone)}</time>
      </td>
    </tr>
  );
}
