import type { TransactionSql } from '#lib/db/pool.ts';
import { AUDIENCE, TEMPLATE_KEYS, type TemplateKey } from '#lib/mail/templates/defaults.ts';
import { renderHtml, renderSubject, renderText } from '#lib/mail/templates/render.ts';
import { effectiveTemplate } from '#lib/mail/templates/store.ts';
import { forReader } from '#lib/i18n/reader.ts';
import { recipientReader } from './recipient-reader.ts';
import { templateValues } from './template-values.ts';
import { newMessageId, ticketThread, withTicketReference } from './threading.ts';
import type { SmtpRoute } from './smtp-route.ts';

/** An outbox row as the sender reads it. */
export interface OutboxRow {
  id: string;
  org_id: string;
  kind: string;
  to_address: string;
  subject: string | null;
  body_text: string | null;
  body_html: string | null;
  recipient_user_id: string | null;
  ticket_number: string | null;
  ticket_message_id: string | null;
  mailbox_id: string | null;
  auto_submitted: string | null;
  message_id: string | null;
  in_reply_to: string | null;
  references: string[];
}

/** What goes over SMTP, fixed at the first try and stored, so each retry sends the same mail. */
export interface ComposedMail {
  subject: string;
  body_text: string;
  body_html: string | null;
  message_id: string;
  in_reply_to: string | null;
  references: string[];
  /** Customer mail of a ticket: threaded, tagged, and recorded against the ticket. */
  threaded: boolean;
}

const isTemplateKey = (kind: string): kind is TemplateKey => (TEMPLATE_KEYS as readonly string[]).includes(kind);

/**
 * The mail of one outbox row. Rows from the identity code carry their text; ticket
 * notifications are rendered from the org's template of their kind, in the recipient's language. Customer mail gets the
 * mailbox's ticket reference in the subject and In-Reply-To/References of every Message-ID the
 * ticket has sent or received.
 */
export async function composeMail(tx: TransactionSql, row: OutboxRow, route: SmtpRoute, publicUrl: string): Promise<ComposedMail> {
  const threaded = isTemplateKey(row.kind) && AUDIENCE[row.kind] === 'customer' && row.ticket_number !== null && row.mailbox_id !== null;
  const messageId = row.message_id ?? newMessageId(route.from.address);
  // A retry or a resend keeps what the first try composed.
  if (row.subject !== null && row.body_text !== null && row.message_id !== null) {
    return { subject: row.subject, body_text: row.body_text, body_html: row.body_html, message_id: messageId, in_reply_to: row.in_reply_to, references: row.references, threaded };
  }
  let subject = row.subject;
  let text = row.body_text;
  let html = row.body_html;
  if (subject === null || text === null) {
    if (!isTemplateKey(row.kind)) throw new Error(`outbox row ${row.id} of kind ${row.kind} has no text and no template`);
    // Written for its recipient: their language's template, and the values (status, priority) in it.
    const who = await recipientReader(tx, row.recipient_user_id);
    const values = await forReader(who, () => templateValues(tx, row, publicUrl));
    const template = await effectiveTemplate(tx, row.kind, who.locale);
    subject = renderSubject(template.subject, values);
    text = renderText(template.body_text, values);
    html = template.body_html === null ? null : renderHtml(template.body_html, values);
  }
  let thread: { inReplyTo: string | null; references: string[] } = { inReplyTo: null, references: [] };
  if (threaded) {
    const [box] = await tx<{ subject_pattern: string }[]>`select subject_pattern from mailboxes where id = ${row.mailbox_id}`;
    subject = withTicketReference(subject, box?.subject_pattern ?? '[#{number}]', row.ticket_number!);
    thread = await ticketThread(tx, row.ticket_number!);
  }
  return { subject, body_text: text, body_html: html, message_id: messageId, in_reply_to: thread.inReplyTo, references: thread.references, threaded };
}

/** nodemailer's message: our Message-ID, the thread, Reply-To the mailbox, and RFC 3834 marks on automatic mail. */
export function mailOptions(row: OutboxRow, mail: ComposedMail, route: SmtpRoute) {
  const bracket = (id: string) => `<${id}>`;
  // RFC 3834: everything but a person's reply is automatic (rows from other code may not say so).
  const autoSubmitted = row.auto_submitted ?? (row.kind === 'ticket_reply' ? null : 'auto-generated');
  return {
    from: route.from,
    to: row.to_address,
    subject: mail.subject,
    text: mail.body_text,
    ...(mail.body_html !== null ? { html: mail.body_html } : {}),
    messageId: bracket(mail.message_id),
    ...(mail.in_reply_to ? { inReplyTo: bracket(mail.in_reply_to) } : {}),
    ...(mail.references.length ? { references: mail.references.map(bracket) } : {}),
    ...(mail.threaded ? { replyTo: route.from } : {}),
    headers: {
      ...(autoSubmitted ? { 'Auto-Submitted': autoSubmitted, 'X-Auto-Response-Suppress': 'All' } : {}),
    },
  };
}
