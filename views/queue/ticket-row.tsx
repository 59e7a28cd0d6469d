import { formatShortDateTime } from '#lib/i18n/format.ts';
import { priorityLabel, statusLabel } from '#lib/i18n/labels.ts';
import { t } from '#lib/i18n/translate.ts';
import type { TicketRow } from '#lib/tickets/model.ts';

/** What every row of a list needs besides its ticket; times follow the reader (lib/i18n/format.ts). */
export interface RowContext {
  /** Staff names by user id, for the assignee column. */
  staff: ReadonlyMap<string, string>;
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
  const ticket = props.ticket;
  const { ctx } = props;
  const assignee = ticket.assignee_id ? (ctx.staff.get(ticket.assignee_id) ?? t('queue.row.someone')) : null;
  return (
    <tr id={rowId(ticket.number)} data-row="" {...(ctx.selectable ? liveRow(ticket.number) : {})}>
      {ctx.selectable ? (
        <td class="pick">
          <input type="checkbox" form="bulk-form" name={`pick-${ticket.number}`} value={ticket.number} checked={props.checked} aria-label={t('queue.row.select', { number: ticket.number })} />
        </td>
      ) : null}
      <td class="num">#{ticket.number}</td>
      <td class="subject">
        <a class="row-link" href={`/app/tickets/${ticket.number}`}>
          {ticket.subject}
        </a>
        {ticket.tags.length ? (
          <span class="tags">
            {ticket.tags.map((tag) => (
              <span class="tag">{tag}</span>
            ))}
          </span>
        ) : null}
        {ticket.merged_into ? <span class="muted small"> {t('queue.row.merged_into', { number: ticket.merged_into })}</span> : null}
      </td>
      <td class="requester" title={ticket.requester_email}>
        {ticket.requester_name || ticket.requester_email}
      </td>
      <td>
        <span class={`badge status-${ticket.status}`}>{statusLabel(ticket.status)}</span>
      </td>
      <td>
        <span class={`prio prio-${ticket.priority}`}>{priorityLabel(ticket.priority)}</span>
      </td>
      <td class={assignee ? undefined : 'muted'}>{assignee ?? t('common.unassigned')}</td>
      <td class="when">
        <time datetime={ticket.updated_at.toISOString()}>{formatShortDateTime(ticket.updated_at)}</time>
      </td>
    </tr>
  );
}
