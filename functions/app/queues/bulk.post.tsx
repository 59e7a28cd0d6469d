import { runBulk } from '#lib/agent-app/bulk.ts';
import { bulkAction, pickedTickets } from '#lib/agent-app/bulk-form.ts';
import { listContext } from '#lib/agent-app/list-context.ts';
import { readFormFields } from '#lib/http/form-body.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { findTicket } from '#lib/tickets/read.ts';
import { BulkResult } from '#views/queue/bulk-result.tsx';

/**
 * POST /app/queues/bulk — the bulk form (`pick-<number>` per ticked row, `action` = assign |
 * status | tag_add | tag_remove | merge, with `assignee`, `status`, `tags` or `into`). Each
 * ticket changes or is refused on its own; the answer lists every one and replaces the rows
 * that changed, with `HX-Trigger: tickets-changed` when any did. A form that names no ticket or no usable value is a 400 with the reason.
 */
export default endpoint({
  auth: { permission: 'tickets.write' },
  page: 'person',
  async handler({ c, db, caller: member }) {
    const fields = await readFormFields(c);
    const numbers = pickedTickets(fields);
    const outcomes = await runBulk(db, member, numbers, bulkAction(fields, member));
    const rows = [];
    for (const o of outcomes) if (o.ok) rows.push(await findTicket(db, o.number));
    const lc = await listContext(db);
    // Sent with the answer, so after the commit: the side list then re-reads its counts.
    if (outcomes.some((o) => o.ok)) c.header('HX-Trigger', 'tickets-changed');
    return c.html(<BulkResult outcomes={outcomes} rows={rows} ctx={{ staff: lc.staffNames, selectable: true }} />);
  },
});
