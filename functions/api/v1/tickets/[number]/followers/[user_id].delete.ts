import * as v from 'valibot';
import { uuid } from '#lib/http/schemas.ts';
import { removeFollower } from '#lib/tickets/followers.ts';
import { ticketNumberParams } from '#lib/tickets/model.ts';
import { findTicket } from '#lib/tickets/read.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/** DELETE /api/v1/tickets/:number/followers/:user_id — 204; 404 when they were not following. */
export default endpoint({
  auth: { permission: 'tickets.read_all' },
  params: v.object({ ...ticketNumberParams.entries, user_id: uuid }),
  async handler({ c, db, params }) {
    await findTicket(db, params.number);
    await removeFollower(db, params.number, params.user_id);
    return c.body(null, 204);
  },
});
