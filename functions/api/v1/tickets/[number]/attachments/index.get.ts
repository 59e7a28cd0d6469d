import { ATTACHMENT_COLUMNS, serializeAttachment, type AttachmentRow } from '#lib/attachments/save-attachment.ts';
import { ticketNumberParams } from '#lib/tickets/model.ts';
import { findTicket } from '#lib/tickets/read.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/** GET /api/v1/tickets/:number/attachments — the ticket's files; customers never see those of internal notes (RLS). */
export default endpoint({
  auth: { permission: 'tickets.read_own' },
  params: ticketNumberParams,
  async handler({ db, params }) {
    await findTicket(db, params.number);
    const rows = await db.unsafe<AttachmentRow[]>(`select ${ATTACHMENT_COLUMNS} from attachments where ticket_number = $1 order by created_at, id`, [params.number]);
    return { items: rows.map(serializeAttachment) };
  },
});
