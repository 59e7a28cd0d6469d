import * as v from 'valibot';
import { audit } from '#lib/audit/record.ts';
import { actorOf } from '#lib/http/client.ts';
import { removeLink } from '#lib/tickets/links.ts';
import { ticketNumberParams } from '#lib/tickets/model.ts';
import { findTicket } from '#lib/tickets/read.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/** DELETE /api/v1/tickets/:number/links/:other — 204; 404 when the two are not linked. */
export default endpoint({
  auth: { permission: 'tickets.write' },
  params: v.object({ ...ticketNumberParams.entries, other: ticketNumberParams.entries.number }),
  async handler({ c, db, caller, params }) {
    await findTicket(db, params.number);
    await removeLink(db, params.number, params.other);
    for (const [number, other] of [
      [params.number, params.other],
      [params.other, params.number],
    ]) {
      await audit(db, caller.orgId, actorOf(c, caller), { action: 'ticket.unlink', targetType: 'ticket', targetId: String(number), details: { number: other } });
    }
    return c.body(null, 204);
  },
});
