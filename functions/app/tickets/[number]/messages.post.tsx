import { sendFromComposer } from '#lib/tickets/composer-send.ts';
import { ticketNumberParams } from '#lib/tickets/model.ts';
import { findTicket } from '#lib/tickets/read.ts';
import { composerMacros } from '#lib/tickets/ticket-page.ts';
import { readThread } from '#lib/tickets/thread.ts';
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
  async handler({ c, db, caller, params, upload, formFields }) {
    const macros = await composerMacros(db);
    const sent = await sendFromComposer(db, caller, params.number, formFields, upload, c.var.deps);
    if (!sent.ok) return c.html(<Composer number={params.number} macros={macros} mode={sent.mode} text={sent.text} error={sent.error} />, 422);
    const ticket = await findTicket(db, params.number);
    // The history tab has no thread to replace: it refreshes itself on the live event.
    if (/[?&]tab=history/.test(c.req.header('hx-current-url') ?? '')) return c.html(<Composer number={params.number} macros={macros} notice={sent.notice} />);
    return c.html(
      <>
        <Composer number={params.number} macros={macros} notice={sent.notice} />
        <hx-partial hx-target="#thread" hx-swap="innerHTML">
          <ThreadItems requesterId={ticket.requester_id} messages={await readThread(db, params.number)} />
        </hx-partial>
      </>,
    );
  },
});
