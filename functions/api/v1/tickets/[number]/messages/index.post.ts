import * as v from 'valibot';
import { sendBodyOrHtml } from '#lib/http/validation-messages.ts';
import { idempotent, withFile } from '#lib/http/idempotency.ts';
import { messageBody } from '#lib/tickets/message-body.ts';
import { ticketNumberParams } from '#lib/tickets/model.ts';
import { addMessage, serializeMessage } from '#lib/tickets/reply.ts';
import { endpoint } from '#lib/router/endpoint.ts';

const Body = v.pipe(
  v.strictObject({
    body: v.optional(v.pipe(v.string(), v.maxLength(1_000_000))),
    body_html: v.optional(v.pipe(v.string(), v.maxLength(1_000_000))),
    internal: v.optional(v.boolean(), false),
  }),
  v.check((b) => (b.body ?? '').trim() !== '' || (b.body_html ?? '').trim() !== '', sendBodyOrHtml),
);

/**
 * POST /api/v1/tickets/:number/messages — `{body, internal?}`: a public reply or (staff only) an
 * internal note; 201. On a closed ticket the reply opens a follow-up: `follow_up` is its number.
 * As multipart/form-data, that JSON is the part `payload` and a `file` goes under the message
 * (refused by type, 415, or size, 413, with the whole message).
 */
export default endpoint({
  responses: { 201: { description: 'The new message' } },
  auth: { permission: 'tickets.reply' },
  params: ticketNumberParams,
  body: Body,
  upload: { field: 'file', withBody: true },
  async handler({ c, db, caller, params, body, upload }) {
    return idempotent(c, db, caller, withFile(body, upload), async () => {
      const channel = caller.kind === 'api_key' || caller.via === 'bearer' ? 'api' : caller.role === 'customer' ? 'portal' : 'web';
      const result = await addMessage(db, caller, params.number, { body: messageBody(body), internal: body.internal, channel, file: upload && { upload, deps: c.var.deps } });
      return { status: 201, body: { ...serializeMessage(result.message), follow_up: result.followUp } };
    });
  },
});
