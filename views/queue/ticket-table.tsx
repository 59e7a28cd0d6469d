import { t } from '#lib/i18n/translate.ts';
import type { TicketRow } from '#lib/tickets/model.ts';
import { TableScroll } from '#views/table-scroll.tsx';
import { TicketRowView, type RowContext } from './ticket-row.tsx';

/**
 * The row that loads the next page: htmx replaces it with the next rows and, when there are
 * more, a new one of itself, so the list grows in place without a reload.
 */
function MoreRow(props: { href: string; ctx: RowContext }) {
  return (
    <tr id="queue-more">
      <td colspan={props.ctx.selectable ? 8 : 7}>
        <button type="button" class="secondary" hx-get={props.href} hx-target="#queue-more" hx-swap="outerHTML" hx-indicator="#queue-more">
          {t('queue.more')}
        </button>
        <span class="htmx-indicator muted small"> {t('queue.loading')}</span>
      </td>
    </tr>
  );
}

/** A page of rows and, if there is one, the row that fetches the next page: the rows fragment. */
export function TicketRows(props: { items: readonly TicketRow[]; ctx: RowContext; moreHref: string | null }) {
  return (
    <>
      {props.items.map((ticket) => (
        <TicketRowView ticket={ticket} ctx={props.ctx} />
      ))}
      {props.moreHref ? <MoreRow href={props.moreHref} ctx={props.ctx} /> : null}
    </>
  );
}

type TableProps = { items: readonly TicketRow[]; ctx: RowContext; moreHref: string | null; caption: string; empty: string; id?: string };

/** A list of tickets as a table, with an empty state that says what to do; on a phone it scrolls in its own box. */
export function TicketTable(props: TableProps) {
  return (
    <TableScroll label={t('queue.table.label', { caption: props.caption })}>
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
              <span class="sr-only">{t('queue.table.select')}</span>
            </th>
          ) : null}
          <th scope="col">#</th>
          <th scope="col">{t('queue.field.subject')}</th>
          <th scope="col" class="requester">
            {t('queue.field.requester')}
          </th>
          <th scope="col">{t('queue.field.status')}</th>
          <th scope="col">{t('queue.field.priority')}</th>
          <th scope="col">{t('queue.field.assignee')}</th>
          <th scope="col" class="when">
            {t('queue.field.updated')}
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
