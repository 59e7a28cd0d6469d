import * as v from 'valibot';
import { attempt } from '#lib/pages/form-errors.ts';
import { pageRedirect } from '#lib/http/page-redirect.ts';
import { messageBody } from '#lib/tickets/message-body.ts';
import { ticketNumberParams } from '#lib/tickets/model.ts';
import { findTicket } from '#lib/tickets/read.ts';
import { addMessage } from '#lib/tickets/reply.ts';
import { writeRefusal } from '#lib/tickets/requester-only.ts';
import { readThread } from '#lib/tickets/thread.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { Conversation } from '#views/portal/ticket-page.tsx';

const Form = v.object({ body: v.pipe(v.optional(v.string(), ''), v.check((s) => s.trim() !== '', 'Write your message first'), v.maxLength(60_000, 'must be at most 60,000 characters')) });

/**
 * POST /portal/tickets/:number/reply — the customer's reply (multipart: body, optional `file`),
 * as POST /api/v1/tickets/:number/messages and its attachments; answers the conversation with
 * the new message and status. A reply to a closed request opens a follow-up: the browser goes there.
 * A colleague's request, shared through the company, takes no reply (403 with the conversation).
 */
export default endpoint({
  auth: { permission: 'tickets.reply' },
  page: 'person',
  params: ticketNumberParams,
  upload: { field: 'file', form: true },
  async handler({ c, db, caller, params, formFields, upload }) {
    const ticket = await findTicket(db, params.number);
    const maxMb = Math.floor(c.var.deps.config.attachmentMaxBytes / (1024 * 1024));
    const render = async (status: number, extra: { errors?: Record<string, string>; notice?: string; error?: string | undefined }) =>
      c.html(
        <Conversation
          ticket={await findTicket(db, params.number)}
          thread={await readThread(db, params.number)}
          userId={caller.userId}
          maxMb={maxMb}
          state={{ errors: extra.errors ?? {}, values: extra.errors ? formFields : {} }}
          notice={extra.notice}
          error={extra.error}
        />,
        status as 200,
      );
    // A colleague's request (company sharing) is read-only: say so, keep nothing.
    const refused = writeRefusal(caller, ticket);
    if (refused) return render(refused.status, { error: refused.message });
    const checked = v.safeParse(Form, formFields);
    if (!checked.success) return render(400, { errors: { body: checked.issues[0]!.message } });
    const done = await attempt(
      db,
      async (sp) => {
        const file = upload && { upload, deps: c.var.deps };
        const result = await addMessage(sp, caller, params.number, { body: messageBody({ body: checked.output.body }), internal: false, channel: 'portal', file });
        return result.followUp;
      },
      { unsupported_file_type: 'file', payload_too_large: 'file', quota_exceeded: 'file' },
    );
    if (!done.ok) return render(done.status, { errors: done.errors, error: done.message });
    if (done.value) return pageRedirect(c, `/portal/tickets/${done.value}`);
    return render(200, { notice: 'Reply sent. We will answer here and by email.' });
  },
});
