import { fileUnderMessage, type MessageFile } from '#lib/attachments/message-file.ts';
import type { ApiKeyCaller, MemberCaller } from '#lib/auth/caller.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import { HttpError } from '#lib/http/errors.ts';
import { createTicket } from './create.ts';
import type { MessageBody } from './message-body.ts';
import { recomputeSla } from '#lib/sla/apply.ts';
import { findTicket } from './read.ts';
import { assertMayWriteOn } from './requester-only.ts';
import { t } from '#lib/i18n/translate.ts';

export interface MessageRow {
  id: string;
  ticket_number: string;
  author_id: string | null;
  internal: boolean;
  body_text: string;
  body_html: string | null;
  channel: string;
  created_at: Date;
}

export interface ReplyResult {
  message: MessageRow;
  /** Set when the ticket was closed: the reply opened this follow-up ticket instead. */
  followUp: number | null;
}

/**
 * Adds a public reply or an internal note. Only staff write internal notes. A reply to a closed
 * ticket opens a follow-up ticket linked to it (closed is final), which carries the reply. The
 * ticket's activity, first response and reopening follow from the messages trigger. A `file`
 * goes under the new message, wherever that landed, and is refused (415, 413) with it.
 *
 * @example
 * const { message, followUp } = await addMessage(db, caller, 42, { body, internal: false, channel: 'api' });
 */
export async function addMessage(
  tx: TransactionSql,
  caller: MemberCaller | ApiKeyCaller,
  number: number,
  input: { body: MessageBody; internal: boolean; channel: 'web' | 'portal' | 'email' | 'api'; authorId?: string | undefined; file?: MessageFile | undefined },
): Promise<ReplyResult> {
  const isCustomer = caller.kind === 'member' && caller.role === 'customer';
  if (isCustomer && input.internal) throw new HttpError(403, 'forbidden', t('error.customer_internal_note'));
  // A colleague's ticket is visible but not lockable by a customer (RLS): say why, not "no ticket".
  if (isCustomer) assertMayWriteOn(caller, await findTicket(tx, number));
  const ticket = await findTicket(tx, number, { lock: true });
  const authorId = input.authorId ?? (caller.kind === 'member' ? caller.userId : null);
  if (ticket.status === 'closed') {
    if (input.internal) throw new HttpError(422, 'ticket_closed', t('error.internal_note_closed', { number: String(number) }));
    const followUp = await createTicket(tx, caller, {
      subject: ticket.subject.startsWith('Re: ') ? ticket.subject : `Re: ${ticket.subject}`,
      body: input.body,
      channel: input.channel,
      follow_up_of: number,
      ...(isCustomer ? {} : { requester: { email: ticket.requester_email } }),
      file: input.file,
    });
    const [message] = await tx<MessageRow[]>`
      select id, ticket_number::text, author_id, internal, body_text, body_html, channel, created_at
      from messages where ticket_number = ${followUp.number} order by created_at limit 1`;
    return { message: message!, followUp: Number(followUp.number) };
  }
  const [message] = await tx<MessageRow[]>`
    insert into messages (org_id, ticket_number, author_id, internal, body_text, body_html, channel)
    values (${caller.orgId}, ${number}, ${authorId}, ${input.internal}, ${input.body.text}, ${input.body.html}, ${input.channel})
    returning id, ticket_number::text, author_id, internal, body_text, body_html, channel, created_at`;
  // A public reply fulfils a response target, a customer's message starts the next one (and may reopen).
  if (!input.internal) await recomputeSla(tx, caller.orgId, [number]);
  if (input.file) await fileUnderMessage(tx, caller, { ticketNumber: number, messageId: message!.id }, input.file);
  return { message: message!, followUp: null };
}

/** The API shape of a message. */
export function serializeMessage(m: MessageRow) {
  return {
    id: m.id,
    ticket_number: Number(m.ticket_number),
    author_id: m.author_id,
    internal: m.internal,
    body: m.body_text,
    body_html: m.body_html,
    channel: m.channel,
    created_at: m.created_at,
  };
}
