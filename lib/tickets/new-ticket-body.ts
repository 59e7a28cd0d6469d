import * as v from 'valibot';
import { notEmpty, sendBodyOrHtml } from '#lib/http/validation-messages.ts';
import { email, uuid } from '#lib/http/schemas.ts';
import { priority, status, tag, ticketType } from './model.ts';

/**
 * The JSON body of POST /api/v1/tickets: the ticket's fields and its first message, as `body`
 * (text) or `body_html` (sanitised) or both, one of them not blank. Unknown keys are refused.
 */
export const NewTicketBody = v.pipe(
  v.strictObject({
    subject: v.pipe(v.string(), v.trim(), v.minLength(1, notEmpty), v.maxLength(500)),
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
  v.check((b) => (b.body ?? '').trim() !== '' || (b.body_html ?? '').trim() !== '', sendBodyOrHtml),
);
