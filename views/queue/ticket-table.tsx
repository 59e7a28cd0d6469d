import type { TicketRow } from '#lib/tickets/model.ts';
import { TicketRowView, type RowContext } from './ticket-row.tsx';
import { TableScroll } from '#views/table-scroll.tsx';

/**
 * The row that loads the next page: htmx replaces it with the next rows and, when there are
 * more, a new one of itself, so the list grows in place without a reload.
 */
function MoreRow(props: { href: string; ctx: RowContext }) {
  return (
    <tr id="queue-more">
      <td colspan={props.ctx.selectable ? 8 : 7}>
        <button type="button" class="secondary" hx-get={props.href} hx-target="#queue-more" hx-swap="outerHTML" hx-indicator="#queue-more">
          More tickets
        </button>
        <span class="htmx-indicator muted small"> Loading…</span>
      </td>
    </tr>
  );
}

/** A page of rows and, if there is one, the row that fetches the next page: the rows fragment. */
export function TicketRows(props: { items: readonly TicketRow[]; ctx: RowContext; moreHref: string | null }) {
  return (
    <>
      {props.items.map((t) => (
        <TicketRowView ticket={t} ctx={props.ctx} />
      ))}
      {props.moreHref ? <MoreRow href={props.moreHref} ctx={props.ctx} /> : null}
    </>
  );
}

type TableProps = { items: readonly TicketRow[]; ctx: RowContext; moreHref: string | null; caption: string; empty: string; id?: string };

/** A list of tickets as a table, with an empty state that says what to do; on a phone it scrolls in its own box. */
export function TicketTable(props: TableProps) {
  return (
    <TableScroll label={`Table: ${props.caption}`}>
      <Table {...props} />
    </TableScroll>
  );
}

function Table(props: TableProps) {
  return (
    <table class="tickets" id={props.id}>
      <caption class="sr-only">{props.caption}</caption>
      <thead>
        <tr>
          {props.ctx.selectable ? (
            <th scope="col" class="pick">
              <span class="sr-only">Select</span>
            </th>
          ) : null}
          <th scope="col">#</th>
          <th scope="col">Subject</th>
          <th scope="col" class="requester">
            Requester
          </th>
          <th scope="col">Status</th>
          <th scope="col">Priority</th>
          <th scope="col">Assignee</th>
          <th scope="col" class="when">
            Updated
          </th>
        </tr>
      </thead>
      <tbody>
        {props.items.length ? (
          <TicketRows items={props.items} ctx={props.ctx} moreHref={props.moreHref} />
        ) : (
          <tr>
            <td colspan={props.ctx.selectable ? 8 : 7} class="empty">
              {props.empty}
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
