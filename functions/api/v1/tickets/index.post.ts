import { ticketsFor } from '#lib/tickets/caller-view.ts';
import { createTicket } from '#lib/tickets/create.ts';
import { takeTicketNumber } from '#lib/tickets/ticket-number.ts';
import { messageBody } from '#lib/tickets/message-body.ts';
import { NewTicketBody } from '#lib/tickets/new-ticket-body.ts';
import { idempotent, withFile } from '#lib/http/idempotency.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/**
 * POST /api/v1/tickets — opens a ticket with its first message; 201 with the ticket and its
 * `number`. A JSON body, or multipart/form-data with that JSON as the part `payload` and a
 * `file` for the first message (refused by type, 415, or size, 413, with the whole ticket).
 * Send `Idempotency-Key` to make retries safe.
 */
export default endpoint({
  responses: { 201: { description: 'The new ticket' } },
  auth: { permission: 'tickets.create' },
  body: NewTicketBody,
  upload: { field: 'file', withBody: true },
  // The number is taken before the transaction, so creates in one org do not queue on its counter;
  // a replayed Idempotency-Key takes none.
  beforeTransaction: ({ c, caller, ip }) => takeTicketNumber(c.var.deps.unscoped, caller, ip, c.req.header('idempotency-key')),
  async handler({ c, db, caller, body, upload, early: number }) {
    return idempotent(c, db, caller, withFile(body, upload), async () => {
      const channel = caller.kind === 'api_key' || caller.via === 'bearer' ? 'api' : caller.role === 'customer' ? 'portal' : 'web';
      const row = await createTicket(db, caller, { ...body, body: messageBody(body), channel, number, file: upload && { upload, deps: c.var.deps } });
      const [ticket] = await ticketsFor(db, caller, [row]);
      return { status: 201, body: ticket! };
    });
  },
});
