import type { BulkOutcome } from '#lib/agent-app/bulk.ts';
import { t } from '#lib/i18n/translate.ts';
import type { TicketRow } from '#lib/tickets/model.ts';
import { rowId, TicketRowView, type RowContext } from './ticket-row.tsx';

/**
 * What a bulk action answers: a line per selected ticket (done, or why not) for #bulk-result,
 * and each changed ticket's fresh row swapped over its old one by id.
 */
export function BulkResult(props: { outcomes: readonly BulkOutcome[]; rows: readonly TicketRow[]; ctx: RowContext }) {
  const failed = props.outcomes.filter((o) => !o.ok).length;
  const counts = { done: props.outcomes.length - failed, total: props.outcomes.length, failed };
  return (
    <>
      <div class={failed ? 'error' : 'notice'} role={failed ? 'alert' : 'status'} data-testid="bulk-summary">
        <p>{failed ? t('queue.bulk.summary_failed', counts) : t('queue.bulk.summary', counts)}</p>
        <ul class="bulk-outcomes">
          {props.outcomes.map((o) => (
            <li class={o.ok ? 'ok' : 'failed'} data-ticket={String(o.number)}>
              <a href={`/app/tickets/${o.number}`}>#{o.number}</a> {o.ok ? o.message : t('queue.bulk.not_changed', { reason: o.message })}
            </li>
          ))}
        </ul>
      </div>
      {props.rows.map((ticket) => (
        <hx-partial hx-target={`#${rowId(ticket.number)}`} hx-swap="outerHTML">
          <TicketRowView ticket={ticket} ctx={props.ctx} />
        </hx-partial>
      ))}
    </>
  );
}
