import { raw } from 'hono/html';
import { formatBytes, formatDateTime } from '#lib/i18n/format.ts';
import { channelLabel } from '#lib/i18n/labels.ts';
import { t } from '#lib/i18n/translate.ts';
import type { ThreadMessage } from '#lib/tickets/thread.ts';
import { liveTrigger } from '#views/live-events.tsx';
import { ticketPath } from './format.ts';

function Message(props: { m: ThreadMessage; requesterId: string }) {
  const { m } = props;
  const author = m.author_name ?? m.author_email ?? t('ticket.thread.system');
  const kind = t(m.internal ? 'ticket.kind.note' : m.author_id === props.requesterId ? 'ticket.kind.customer' : 'ticket.kind.reply');
  return (
    <article class={`message ${m.internal ? 'internal' : 'public'}`} aria-label={t('ticket.thread.message_label', { kind, author })} data-testid="message">
      <header>
        <span class={`kind ${m.internal ? 'kind-internal' : 'kind-public'}`}>{kind}</span>
        <strong>{author}</strong>
        <time datetime={m.created_at.toISOString()} class="muted small">
          {formatDateTime(m.created_at)}
        </time>
        {m.channel !== 'web' ? <span class="muted small">{t('ticket.thread.via', { channel: channelLabel(m.channel) })}</span> : null}
      </header>
      {/* body_html is sanitised when stored (lib/html/sanitize.ts). */}
      <div class="body">{raw(m.body_html ?? '')}</div>
      {m.files.length ? (
        <ul class="files" aria-label={t('ticket.thread.attached_files')}>
          {m.files.map((f) => (
            <li>
              <a href={f.download_url}>{f.filename}</a> <span class="muted small">({formatBytes(f.size)})</span>
            </li>
          ))}
        </ul>
      ) : null}
    </article>
  );
}

/**
 * The conversation, oldest first. Public replies and internal notes differ in colour and are
 * labelled in words ("Internal note"), so the difference does not rest on colour alone. It
 * re-fetches itself when the ticket's thread changes anywhere.
 */
export function Thread(props: { number: number | string; requesterId: string; messages: ThreadMessage[] }) {
  // The section stays and only its content is swapped: a refresh triggered while another one is
  // in flight still lands on the element on the page, never on a replaced one.
  return (
    <section
      id="thread"
      class="thread"
      aria-label={t('ticket.tab.conversation')}
      hx-get={ticketPath(props.number, '/thread')}
      hx-trigger={liveTrigger(`ticket-${props.number}-thread`)}
      hx-swap="innerHTML"
    >
      <ThreadItems {...props} />
    </section>
  );
}

/** The messages alone: what GET /app/tickets/:number/thread answers, swapped into `#thread`. */
export function ThreadItems(props: { requesterId: string; messages: ThreadMessage[] }) {
  return <>{props.messages.length === 0 ? <p class="muted">{t('ticket.thread.no_messages')}</p> : props.messages.map((m) => <Message m={m} requesterId={props.requesterId} />)}</>;
}
