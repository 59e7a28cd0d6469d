import type { ApiKeyCaller } from '#lib/auth/caller.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import type { KvStore } from '#lib/kv/store.ts';
import { createTicket } from '#lib/tickets/create.ts';
import { addMessage } from '#lib/tickets/reply.ts';
import { storeMailParts, type RefusedPart } from './attachments.ts';
import { autoReason, readBounce } from './classify.ts';
import type { InboundMail } from './parse.ts';
import { forReader } from '#lib/i18n/reader.ts';
import { t } from '#lib/i18n/translate.ts';
import { orgDefaultLocale } from '#lib/orgs/default-locale.ts';
import { firstMailLanguage } from './first-language.ts';
import { findThread } from './thread.ts';

/** What became of a mail that could be read. */
export interface Delivered {
  outcome: 'ticket' | 'reply' | 'follow_up' | 'bounce';
  ticketNumber: number | null;
  ticketMessageId: string | null;
  reason: string | null;
  suppressAutoreply: boolean;
  autoReason: string | null;
  refused: RefusedPart[];
}

export interface DeliverOptions {
  dataDir: string;
  attachmentMaxBytes: number;
  kv: KvStore;
  /** Mails a sender may send per hour before further ones stop earning an automatic answer. */
  autoreplyCapPerHour: number;
}

/** Mails a sender may send per hour before further ones stop earning an automatic answer (FreeScout: 10 per 3 h). */
export const AUTOREPLY_CAP_PER_HOUR = 10;

// Email acts for nobody signed in: like an API key, it files tickets in the sender's name.
const emailCaller = (orgId: string): ApiKeyCaller => ({ kind: 'api_key', orgId, keyId: '00000000-0000-0000-0000-000000000000', name: 'email', permissions: [] });

/**
 * Files a readable mail in the current tenant transaction: a bounce is recorded against the
 * mail of ours it returns; anything else becomes a reply on its thread's ticket (a closed
 * ticket gets a linked follow-up) or a new ticket, in the sender's name (a new sender becomes
 * a customer), with its attachments, and its Message-ID is kept for threading (a Message-ID
 * another mail already brought onto another ticket is marked reused: see findThread).
 *
 * @example
 * const delivered = await deliverMail(tx, options, orgId, mailbox, mail);
 */
export async function deliverMail(tx: TransactionSql, opts: DeliverOptions, orgId: string, mailbox: { id: string; subject_pattern: string }, mail: InboundMail): Promise<Delivered> {
  if (mail.isDeliveryReport) return recordBounce(tx, mail);
  const own = await tx<{ address: string }[]>`select lower(from_address) as address from mailboxes`;
  let auto = autoReason(mail, new Set(own.map((r) => r.address)));
  const sent = await opts.kv.incr(`mail:sender:${orgId}:${mail.from.address}`, 3600);
  if (!auto && sent > opts.autoreplyCapPerHour) auto = `sender over ${opts.autoreplyCapPerHour} mails an hour`;

  const thread = await findThread(tx, mail, mailbox.subject_pattern);
  const language = firstMailLanguage(mail);
  const [sender] = await tx<{ id: string }[]>`select app.ensure_requester(${mail.from.address}, ${mail.from.name || null}, ${language}) as id`;
  const caller = emailCaller(orgId);
  let outcome: Delivered['outcome'];
  let number: number;
  let messageId: string;
  if (thread.kind === 'reply') {
    const { message, followUp } = await addMessage(tx, caller, thread.number, { body: mail.body, internal: false, channel: 'email', authorId: sender!.id });
    outcome = followUp === null ? 'reply' : 'follow_up';
    number = followUp ?? thread.number;
    messageId = message.id;
  } else {
    const ticket = await createTicket(tx, caller, {
      subject: mail.subject || forReader({ locale: language ?? (await orgDefaultLocale(tx)), timeZone: 'UTC' }, () => t('mail.no_subject')),
      body: mail.body,
      channel: 'email',
      requester: { email: mail.from.address, name: mail.from.name || undefined },
    });
    number = Number(ticket.number);
    const [first] = await tx<{ id: string }[]>`select id from messages where ticket_number = ${number} order by created_at limit 1`;
    outcome = 'ticket';
    messageId = first!.id;
  }
  const refused = await storeMailParts(tx, { dataDir: opts.dataDir, maxBytes: opts.attachmentMaxBytes }, orgId, number, messageId, mail.parts, sender!.id);
  await tx`
    insert into mail_message_ids (org_id, message_id, ticket_number, ticket_message_id, direction, mailbox_id, suppress_autoreply, auto_reason)
    values (${orgId}, ${mail.messageId}, ${number}, ${messageId}, 'in', ${mailbox.id}, ${auto !== null}, ${auto})
    on conflict (org_id, message_id) do update set reused = true
      where mail_message_ids.ticket_number is distinct from excluded.ticket_number`;
  const reason = thread.kind === 'reply' ? `threaded by ${thread.by === 'headers' ? 'In-Reply-To/References' : 'subject reference'}` : null;
  return { outcome, ticketNumber: number, ticketMessageId: messageId, reason, suppressAutoreply: auto !== null, autoReason: auto, refused };
}

/** A DSN: marks our bounced mail (by its Message-ID) and adds nothing to any ticket. */
async function recordBounce(tx: TransactionSql, mail: InboundMail): Promise<Delivered> {
  const bounce = readBounce(mail);
  const [hit] =
    bounce.originalMessageId === null
      ? []
      : await tx<{ ticket_number: string | null }[]>`
    update mail_message_ids set bounced_at = now(), bounce_status = ${bounce.status}, bounce_recipient = ${bounce.recipient}, bounce_diagnostic = ${bounce.diagnostic}
    where message_id = ${bounce.originalMessageId} and direction = 'out'
    returning ticket_number::text`;
  const what = `${bounce.status ?? 'unknown status'}${bounce.recipient ? ` for ${bounce.recipient}` : ''}`;
  return {
    outcome: 'bounce',
    ticketNumber: hit?.ticket_number ? Number(hit.ticket_number) : null,
    ticketMessageId: null,
    reason: hit
      ? `bounce (${what}) of our mail <${bounce.originalMessageId}>`
      : `bounce (${what}) of a mail we have no record of sending${bounce.originalMessageId ? ` (<${bounce.originalMessageId}>)` : ''}`,
    suppressAutoreply: true,
    autoReason: 'delivery-report',
    refused: [],
  };
}
