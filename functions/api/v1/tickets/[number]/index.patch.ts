import * as v from 'valibot';
import { notEmpty, sendAChange } from '#lib/http/validation-messages.ts';
import { ticketsFor } from '#lib/tickets/caller-view.ts';
import { priority, status, tag, ticketNumberParams, ticketType } from '#lib/tickets/model.ts';
import { updateTicket } from '#lib/tickets/update.ts';
import { uuid } from '#lib/http/schemas.ts';
import { endpoint } from '#lib/router/endpoint.ts';

const Body = v.pipe(
  v.strictObject({
    subject: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1, notEmpty), v.maxLength(500))),
    status: v.optional(status),
    priority: v.optional(priority),
    type: v.optional(ticketType),
    assignee_id: v.optional(v.nullable(uuid)),
    team_id: v.optional(v.nullable(uuid)),
    tags: v.optional(v.pipe(v.array(tag), v.maxLength(50))),
    custom_fields: v.optional(v.record(v.string(), v.unknown())),
  }),
  v.check((b) => Object.values(b).some((x) => x !== undefined), sendAChange),
);

/** PATCH /api/v1/tickets/:number — status (allowed transitions only: 422 otherwise), priority, type, assignee, team, tags, custom fields. */
export default endpoint({
  auth: { permission: 'tickets.write' },
  params: ticketNumberParams,
  body: Body,
  async handler({ db, caller, params, body }) {
    const [ticket] = await ticketsFor(db, caller, [await updateTicket(db, caller, params.number, body)]);
    return ticket;
  },
});
