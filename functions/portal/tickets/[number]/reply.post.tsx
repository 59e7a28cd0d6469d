import { pageRedirect } from '#lib/http/page-redirect.ts';
import { replyFromPortal } from '#lib/portal/reply-form.ts';
import { ticketNumberParams } from '#lib/tickets/model.ts';
import { findTicket } from '#lib/tickets/read.ts';
import { readThread } from '#lib/tickets/thread.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { Conversation } from '#views/portal/ticket-page.tsx';

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
    const done = await replyFromPortal(db, caller, params.number, formFields, upload && { upload, deps: c.var.deps });
    if (done.followUp !== undefined) return pageRedirect(c, `/portal/tickets/${done.followUp}`);
    return c.html(
      <Conversation
        ticket={await findTicket(db, params.number)}
        thread={await readThread(db, params.number)}
        userId={caller.userId}
        maxMb={Math.floor(c.var.deps.config.attachmentMaxBytes / (1024 * 1024))}
        state={{ errors: done.errors ?? {}, values: done.errors ? formFields : {} }}
        notice={done.notice}
        error={done.error}
      />,
      done.status,
    );
  },
});
