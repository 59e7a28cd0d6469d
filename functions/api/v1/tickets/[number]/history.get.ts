import * as v from 'valibot';
import { between, cursorOrDeprecated, mustBeSequenceNumber } from '#lib/http/validation-messages.ts';
import { cursorParam, deprecatedFor } from '#lib/http/page-query.ts';
import { historyPage } from '#lib/tickets/history.ts';
import { ticketNumberParams } from '#lib/tickets/model.ts';
import { findTicket } from '#lib/tickets/read.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/**
 * GET /api/v1/tickets/:number/history?cursor=&limit= — the ticket's audit log rows, oldest first,
 * each with its actor (`user_id`, `email`, `name`, or `api_key_id`); page on with `next_cursor`.
 * Deprecated, kept for one release: `after` (a seq) and `next_after`.
 */
export default endpoint({
  auth: { permission: 'tickets.read_all' },
  params: ticketNumberParams,
  query: v.pipe(
    v.object({
      cursor: cursorParam,
      after: v.optional(v.pipe(v.string(), deprecatedFor('cursor'), v.regex(/^\d{1,18}$/, mustBeSequenceNumber))),
      limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/, between(1, 500)), v.transform(Number), v.minValue(1), v.maxValue(500)), '200'),
    }),
    v.forward(
      v.partialCheck([['cursor'], ['after']], (q) => q.cursor === undefined || q.after === undefined, cursorOrDeprecated('after')),
      ['cursor'],
    ),
  ),
  async handler({ db, params, query }) {
    await findTicket(db, params.number);
    return historyPage(db, params.number, query);
  },
});
