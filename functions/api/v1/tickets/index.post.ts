import * as v from 'valibot';
import { ticketsFor } from '#lib/tickets/caller-view.ts';
import { createTicket } from '#lib/tickets/create.ts';
import { takeTicketNumber } from '#lib/tickets/ticket-number.ts';
import { messageBody } from '#lib/tickets/message-body.ts';
import { priority, status, tag, ticketType } from '#lib/tickets/model.ts';
import { idempotent } from '#lib/http/idempotency.ts';
import { email, uuid } from '#lib/http/schemas.ts';
import { endpoint } from '#lib/router/endpoint.ts';

const Body = v.pipe(
  v.strictObject({
    subject: v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(500)),
    body: v.optional(v.pipe(v.string(), v.maxLength(1_000_000))),
    body_html: v.optional(v.pipe(v.string(), v.maxLength(1_000_000))),
    priority: v.optional(priority),
    type: v.optional(ticketType),
    status: v.optional(status),
    requester: v.optional(v.strictObject({ email, name: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200))) })),
    assignee_id: v.optional(uuid),
    team_id: v.optional(uuid),
    tags: v.optional(v.pipe(v.array(tag), v.maxLength(50))),
    custom_fields: v.optional(v.record(v.string(), v.unknown())),
  }),
  v.check((b) => (b.body ?? '').trim() !== '' || (b.body_html ?? '').trim() !== '', 'send body or body_html'),
);

/**
 * POST /api/v1/tickets — opens a ticket with its first message; 201 with the ticket and its
 * `number`. Send `Idempotency-Key` to make retries safe.
 */
export default endpoint({
  responses: { 201: { description: 'The new ticket' } },
  auth: { permission: 'tickets.create' },
  body: Body,
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
