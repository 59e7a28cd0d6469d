import type { BulkOutcome } from '#lib/agent-app/bulk.ts';
import type { TicketRow } from '#lib/tickets/model.ts';
import { rowId, TicketRowView, type RowContext } from './ticket-row.tsx';

/**
 * What a bulk action answers: a line per selected ticket (done, or why not) for #bulk-result,
 * and each changed ticket's fresh row swapped over its old one by id.
 */
export function BulkResult(props: { outcomes: readonly BulkOutcome[]; rows: readonly TicketRow[]; ctx: RowContext }) {
  const failed = props.outcomes.filter((o) => !o.ok);
  const done = props.outcomes.length - failed.length;
  return (
    <>
      <div class={failed.length ? 'error' : 'notice'} role={failed.length ? 'alert' : 'status'} data-testid="bulk-summary">
        <p>
          {done} of {props.outcomes.length} tickets changed{failed.length ? `; ${failed.length} could not be changed` : ''}.
        </p>
        <ul class="bulk-outcomes">
          {props.outcomes.map((o) => (
            <li class={o.ok ? 'ok' : 'failed'} data-ticket={String(o.number)}>
              <a href={`/app/tickets/${o.number}`}>#{o.number}</a> {o.ok ? o.message : `not changed: ${o.message}`}
            </li>
          ))}
        </ul>
      </div>
      {props.rows.map((t) => (
        <hx-partial hx-target={`#${rowId(t.number)}`} hx-swap="outerHTML">
          <TicketRowView ticket={t} ctx={props.ctx} />
        </hx-partial>
      ))}
    </>
  );
}
