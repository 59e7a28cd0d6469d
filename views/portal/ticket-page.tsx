import type { MessageFile } from '#lib/tickets/message-attachments.ts';
import type { TicketRow } from '#lib/tickets/model.ts';
import type { MessageRow } from '#lib/tickets/reply.ts';
import { t, tRich } from '#lib/i18n/translate.ts';
import { EMPTY_FORM, Outcome, Submit, TextArea } from '#views/admin/form.tsx';
import type { FormState } from '#lib/pages/form-state.ts';
import type { LayoutUser } from '#views/layout.tsx';
import { PortalLayout, PortalTime, StatusBadge } from './portal-layout.tsx';

export type ThreadMessage = MessageRow & { files: MessageFile[] };

/** GET /portal/tickets/:number — one request: its status, the conversation, and the reply form. */
export function PortalTicketPage(props: { user: LayoutUser; userId: string; ticket: TicketRow; thread: ThreadMessage[]; maxMb: number }) {
  const { ticket } = props;
  return (
    <PortalLayout user={props.user} title={ticket.subject}>
      <p>
        <a href="/portal">{t('portal.ticket.back')}</a>
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
  const author = (id: string | null) => (id === props.userId ? t('portal.ticket.author_you') : !own && id === ticket.requester_id ? requester : t('portal.ticket.author_support'));
  return (
    <div id="conversation">
      <p>
        {own
          ? tRich('portal.ticket.summary', { number: String(ticket.number), status: <StatusBadge status={ticket.status} />, opened: <PortalTime at={ticket.created_at} /> })
          : tRich('portal.ticket.summary_colleague', {
              number: String(ticket.number),
              status: <StatusBadge status={ticket.status} colleague />,
              opened: <PortalTime at={ticket.created_at} />,
              requester,
            })}
      </p>
      <ol class="thread" aria-label={t('portal.ticket.conversation')}>
        {props.thread.map((m) => (
          <li class={m.author_id === props.userId ? 'from-you' : 'from-staff'}>
            <div class="meta">
              <strong>{author(m.author_id)}</strong> · <PortalTime at={m.created_at} />
            </div>
            <div class="body">{m.body_text}</div>
            {m.files.length ? (
              <ul class="small">
                {m.files.map((f) => (
                  <li>
                    <a href={f.download_url}>{f.filename}</a> <span class="muted">{t('portal.ticket.file_size', { kb: Math.max(1, Math.round(f.size / 1024)) })}</span>
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
          <h2>{closed ? t('portal.ticket.write_again') : t('portal.ticket.reply')}</h2>
          {closed ? <p class="muted small">{t('portal.ticket.closed_note')}</p> : null}
          <TextArea form="reply" label={t('portal.ticket.message')} name="body" rows={5} required state={props.state ?? EMPTY_FORM} />
          <div class="field">
            <label for="reply-file">
              <span>{t('portal.form.attachment')}</span>
            </label>
            <input type="file" id="reply-file" name="file" aria-describedby="reply-file-hint" />
            {props.state?.errors.file ? <div class="field-error">{props.state.errors.file}</div> : null}
            <div class="hint" id="reply-file-hint">
              {t('portal.ticket.attachment_hint', { mb: props.maxMb })}
            </div>
          </div>
          <Submit>{t('portal.ticket.submit')}</Submit>
        </form>
      ) : (
        <p class="card muted" id="read-only-note">
          {t('portal.ticket.read_only', { requester })}
        </p>
      )}
    </div>
  );
}
