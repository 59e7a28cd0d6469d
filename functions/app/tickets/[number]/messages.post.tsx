import { messageBody } from '#lib/tickets/message-body.ts';
import { ticketNumberParams } from '#lib/tickets/model.ts';
import { findTicket } from '#lib/tickets/read.ts';
import { addMessage } from '#lib/tickets/reply.ts';
import { composerMacros } from '#lib/tickets/ticket-page.ts';
import { readThread } from '#lib/tickets/thread.ts';
import { refusal } from '#lib/pages/form-errors.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { Composer } from '#views/ticket/composer.tsx';
import { ThreadItems } from '#views/ticket/thread.tsx';

/**
 * POST /app/tickets/:number/messages — the composer (multipart: `body`, `mode=reply|note`, an
 * optional `file`, which is filed under the new message, so a note's file is as hidden from
 * customers as the note). Answers a fresh composer and the thread (an `hx-partial`); a refusal
 * (empty message, file type or size, quota) keeps what was typed and says why, 422.
 */
export default endpoint({
  auth: { permission: 'tickets.reply' },
  page: 'staff',
  params: ticketNumberParams,
  upload: { field: 'file', form: true },
  async handler({ c, db, caller: me, params, upload, formFields: fields }) {
    const mode = fields.mode === 'note' ? 'note' : 'reply';
    const text = fields.body ?? '';
    // An empty file part (some clients leave out even the empty name) is no file.
    const file = upload && (upload.size > 0 || upload.filename) ? { ...upload, filename: upload.filename || 'attachment' } : undefined;
    const macros = await composerMacros(db);
    const again = (error: string) => c.html(<Composer number={params.number} macros={macros} mode={mode} text={text} error={error} />, 422);
    if (!text.trim() && !file) return again('Write a message or attach a file first.');
    let notice = mode === 'note' ? 'Internal note added.' : 'Reply sent.';
    try {
      await db.savepoint(async (sp) => {
        const body = messageBody({ body: text.trim() ? text : `Attached ${file!.filename}` });
        const result = await addMessage(sp, me, params.number, { body, internal: mode === 'note', channel: 'web', file: file && { upload: file, deps: c.var.deps } });
        if (result.followUp) notice = `This ticket is closed, so your reply opened follow-up ticket #${result.followUp}.`;
      });
    } catch (err) {
      const refused = refusal(err);
      // A 404 is the ticket itself gone: the error page says so.
      if (refused.status === 404) throw err;
      return again(refused.reason);
    }
    const ticket = await findTicket(db, params.number);
    // The history tab has no thread to replace: it refreshes itself on the live event.
    if (/[?&]tab=history/.test(c.req.header('hx-current-url') ?? '')) return c.html(<Composer number={params.number} macros={macros} notice={notice} />);
    return c.html(
      <>
        <Composer number={params.number} macros={macros} notice={notice} />
        <hx-partial hx-target="#thread" hx-swap="innerHTML">
          <ThreadItems requesterId={ticket.requester_id} messages={await readThread(db, params.number)} />
        </hx-partial>
      </>,
    );
  },
});
