import * as v from 'valibot';
import { ticketsFor } from '#lib/tickets/caller-view.ts';
import { mergeTicket } from '#lib/tickets/merge.ts';
import { ticketNumberParams } from '#lib/tickets/model.ts';
import { endpoint } from '#lib/router/endpoint.ts';

const Body = v.strictObject({
  into: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(Number.MAX_SAFE_INTEGER)),
  allow_other_requester: v.optional(v.boolean(), false),
});

/**
 * POST /api/v1/tickets/:number/merge — `{into}`: this ticket's messages, files and followers
 * move to `into`, this one closes with `merged_into` set, and both get an internal note.
 * Answers the `into` ticket. Closed or already merged tickets, or `into` = this one, are 422;
 * so are different requesters unless `allow_other_requester` (they would see each other's words).
 */
export default endpoint({
  auth: { permission: 'tickets.write' },
  params: ticketNumberParams,
  body: Body,
  async handler({ db, caller, params, body }) {
    const [ticket] = await ticketsFor(db, caller, [await mergeTicket(db, caller, params.number, body.into, { allowOtherRequester: body.allow_other_requester })]);
    return ticket;
  },
});
