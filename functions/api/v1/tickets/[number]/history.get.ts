import * as v from 'valibot';
import { ticketHistory } from '#lib/tickets/history.ts';
import { ticketNumberParams } from '#lib/tickets/model.ts';
import { findTicket } from '#lib/tickets/read.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/**
 * GET /api/v1/tickets/:number/history?after=&limit= — the ticket's audit log rows, oldest first,
 * each with its actor (`user_id`, `email`, `name`, or `api_key_id`); page on with `next_after`.
 */
export default endpoint({
  auth: { permission: 'tickets.read_all' },
  params: ticketNumberParams,
  query: v.object({
    after: v.optional(v.pipe(v.string(), v.regex(/^\d{1,18}$/, 'must be a sequence number'))),
    limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/, 'must be 1 to 500'), v.transform(Number), v.minValue(1), v.maxValue(500)), '200'),
  }),
  async handler({ db, params, query }) {
    await findTicket(db, params.number);
    const items = await ticketHistory(db, params.number, { after: query.after ?? null, limit: query.limit });
    return { items, next_after: items.length === query.limit ? (items.at(-1)?.seq ?? null) : null };
  },
});
