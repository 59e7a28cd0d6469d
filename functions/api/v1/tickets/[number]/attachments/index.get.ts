import { listTicketAttachments } from '#lib/attachments/read-attachments.ts';
import { serializeAttachment } from '#lib/attachments/save-attachment.ts';
import { ticketNumberParams } from '#lib/tickets/model.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/** GET /api/v1/tickets/:number/attachments — the ticket's files; customers never see those of internal notes (RLS). */
export default endpoint({
  auth: { permission: 'tickets.read_own' },
  params: ticketNumberParams,
  async handler({ db, params }) {
    const rows = await listTicketAttachments(db, params.number);
    return { items: rows.map(serializeAttachment) };
  },
});
