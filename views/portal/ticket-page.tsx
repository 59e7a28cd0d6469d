import type { MessageFile } from '#lib/tickets/message-attachments.ts';
import type { TicketRow } from '#lib/tickets/model.ts';
import type { MessageRow } from '#lib/tickets/reply.ts';
import { EMPTY_FORM, Outcome, Submit, TextArea, When } from '#views/admin/form.tsx';
import type { FormState } from '#lib/pages/form-state.ts';
import type { LayoutUser } from '#views/layout.tsx';
import { PortalLayout, StatusBadge } from './portal-layout.tsx';

export type ThreadMessage = MessageRow & { files: MessageFile[] };

/** GET /portal/tickets/:number — one request: its status, the conversation, and the reply form. */
export function PortalTicketPage(props: { user: LayoutUser; userId: string; ticket: TicketRow; thread: ThreadMessage[]; maxMb: number }) {
  const { ticket } = props;
  return (
    <PortalLayout user={props.user} title={ticket.subject}>
      <p>
        <a href="/portal">← My requests</a>
      </p>
      <h1>{ticket.subject}</h1>
      <Conversation ticket={ticket} thread={props.thread} userId={props.userId} maxMb={props.maxMb} />
    </PortalLayout>
  );
}

/**
 * Status, messages and reply form: what a reply swaps in whole, so the new message and status show.
 * A colleague's request (shared through the company) is read-only: no form, and a line saying who
 * may reply.
 */
export function Conversation(props: { ticket: TicketRow; thread: ThreadMessage[]; userId: string; maxMb: number; state?: FormState; notice?: string; error?: string | undefined }) {
  const { ticket } = props;
  const closed = ticket.status === 'closed';
  const own = ticket.requester_id === props.userId;
  const requester = ticket.requester_name || ticket.requester_email;
  const author = (id: string | null) => (id === props.userId ? 'You' : !own && id === ticket.requester_id ? requester : 'Support team');
  return (
    <div id="conversation">
      <p>
        Request #{ticket.number} · <StatusBadge status={ticket.status} colleague={!own} /> · opened <When at={ticket.created_at} />
        {own ? null : ` by ${requester}`}
      </p>
      <ol class="thread" aria-label="Conversation">
        {props.thread.map((m) => (
          <li class={m.author_id === props.userId ? 'from-you' : 'from-staff'}>
            <div class="meta">
              <strong>{author(m.author_id)}</strong> · <When at={m.created_at} />
            </div>
            <div class="body">{m.body_text}</div>
            {m.files.length ? (
              <ul class="small">
                {m.files.map((f) => (
                  <li>
                    <a href={f.download_url}>{f.filename}</a> <span class="muted">({Math.max(1, Math.round(f.size / 1024))} KB)</span>
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
      <Outcome notice={props.notice} error={props.error} />
      {own ? (
        <form
          class="card stack"
          method="post"
          action={`/portal/tickets/${ticket.number}/reply`}
          hx-post={`/portal/tickets/${ticket.number}/reply`}
          hx-encoding="multipart/form-data"
          hx-target="#conversation"
          hx-swap="outerHTML"
        >
          <h2>{closed ? 'Write again' : 'Reply'}</h2>
          {closed ? <p class="muted small">This request is closed; your message opens a new one that refers to it.</p> : null}
          <TextArea form="reply" label="Your message" name="body" rows={5} required state={props.state ?? EMPTY_FORM} />
          <div class="field">
            <label for="reply-file">
              <span>Attachment (optional)</span>
            </label>
            <input type="file" id="reply-file" name="file" aria-describedby="reply-file-hint" />
            {props.state?.errors.file ? <div class="field-error">{props.state.errors.file}</div> : null}
            <div class="hint" id="reply-file-hint">{`Up to ${props.maxMb} MB.`}</div>
          </div>
          <Submit>Send reply</Submit>
        </form>
      ) : (
        <p class="card muted" id="read-only-note">{`${requester} made this request for your company: only they and the support team can reply to it.`}</p>
      )}
    </div>
  );
}
