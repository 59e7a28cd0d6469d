import { filesByMessage } from '../../../../../../lib/tickets/message-attachments.ts';
import { ticketNumberParams } from '../../../../../../lib/tickets/model.ts';
import { findTicket } from '../../../../../../lib/tickets/read.ts';
import { serializeMessage, type MessageRow } from '../../../../../../lib/tickets/reply.ts';
import { endpoint } from '../../../../../../lib/router/endpoint.ts';

/**
 * GET /api/v1/tickets/:number/messages — the conversation, oldest first, each message with its
 * `attachments`; customers never get internal notes, nor their files (RLS).
 */
export default endpoint({
  auth: { permission: 'tickets.read_own' },
  params: ticketNumberParams,
  async handler({ db, params }) {
    await findTicket(db, params.number);
    const rows = await db<MessageRow[]>`
      select id, ticket_number::text, author_id, internal, body_text, body_html, channel, created_at
      from messages where ticket_number = ${params.number} order by created_at, id limit 1000`;
    const files = await filesByMessage(db, params.number);
    return { items: rows.map((m) => ({ ...serializeMessage(m), attachments: files.get(m.id) ?? [] })) };
  },
});
