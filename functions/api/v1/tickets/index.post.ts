import { ticketsFor } from '#lib/tickets/caller-view.ts';
import { createTicket } from '#lib/tickets/create.ts';
import { takeTicketNumber } from '#lib/tickets/ticket-number.ts';
import { messageBody } from '#lib/tickets/message-body.ts';
import { NewTicketBody } from '#lib/tickets/new-ticket-body.ts';
import { idempotent } from '#lib/http/idempotency.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/**
 * POST /api/v1/tickets — opens a ticket with its first message; 201 with the ticket and its
 * `number`. Send `Idempotency-Key` to make retries safe.
 */
export default endpoint({
  responses: { 201: { description: 'The new ticket' } },
  auth: { permission: 'tickets.create' },
  body: NewTicketBody,
  // The number is taken before the transaction, so creates in one org do not queue on its counter;
  // a replayed Idempotency-Key takes none.
  beforeTransaction: ({ c, caller, ip }) => takeTicketNumber(c.var.deps.unscoped, caller, ip, c.req.header('idempotency-key')),
  async handler({ c, db, caller, body, early: number }) {
    return idempotent(c, db, caller, body, async () => {
      const channel = caller.kind === 'api_key' || caller.via === 'bearer' ? 'api' : caller.role === 'customer' ? 'portal' : 'web';
      const row = await createTicket(db, caller, { ...body, body: messageBody(body), channel, number });
      const [ticket] = await ticketsFor(db, caller, [row]);
      return { status: 201, body: ticket! };
    });
  },
});
