import * as v from 'valibot';
import { audit } from '#lib/audit/record.ts';
import { actorOf } from '#lib/http/client.ts';
import { addLink } from '#lib/tickets/links.ts';
import { ticketNumberParams } from '#lib/tickets/model.ts';
import { endpoint } from '#lib/router/endpoint.ts';

const Body = v.strictObject({ number: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(Number.MAX_SAFE_INTEGER)) });

/**
 * POST /api/v1/tickets/:number/links — `{number}` links two tickets both ways → 201 with the
 * other ticket; 409 if linked already, 422 for the ticket itself. Both tickets' history shows it.
 */
export default endpoint({
  responses: { 201: { description: 'The linked ticket' } },
  auth: { permission: 'tickets.write' },
  params: ticketNumberParams,
  body: Body,
  async handler({ c, db, caller, params, body }) {
    const link = await addLink(db, caller.orgId, caller.kind === 'member' ? caller.userId : null, params.number, body.number);
    for (const [number, other] of [
      [params.number, body.number],
      [body.number, params.number],
    ]) {
      await audit(db, caller.orgId, actorOf(c, caller), { action: 'ticket.link', targetType: 'ticket', targetId: String(number), details: { number: other } });
    }
    return c.json(link, 201);
  },
});
