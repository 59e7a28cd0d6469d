import { ticketNumberParams } from '#lib/tickets/model.ts';
import { findTicket } from '#lib/tickets/read.ts';
import { serializeMessage } from '#lib/tickets/reply.ts';
import { readThread } from '#lib/tickets/thread.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/**
 * GET /api/v1/tickets/:number/messages — the conversation, oldest first, each message with its
 * `attachments`; customers never get internal notes, nor their files (RLS).
 */
export default endpoint({
  auth: { permission: 'tickets.read_own' },
  params: ticketNumberParams,
  async handler({ db, params }) {
    await findTicket(db, params.number);
    const thread = await readThread(db, params.number);
    return { items: thread.map(({ files, ...m }) => ({ ...serializeMessage(m), attachments: files })) };
  },
});
