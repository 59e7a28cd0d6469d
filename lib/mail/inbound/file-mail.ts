import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Sql, TransactionSql } from '#lib/db/pool.ts';
import { withTenant, asSystem } from '#lib/db/tenant.ts';
import { HttpError } from '#lib/http/errors.ts';
import { deliverMail, type Delivered, type DeliverOptions } from './deliver.ts';
import { MalformedMail, parseInbound, type InboundMail } from './parse.ts';
import { contentDigest, withoutMboxSeparator } from './raw-mail.ts';

const gzipAsync = promisify(gzip);

export interface FileOptions extends DeliverOptions {
  sql: Sql;
  /** Largest mail filed; a bigger one is set aside. */
  mailMaxBytes: number;
  /** Tests only: runs inside the mail's transaction just before it commits. */
  beforeCommit?: (filed: Filed) => Promise<void>;
}

export interface Arrival {
  orgId: string;
  mailbox: { id: string; subject_pattern: string };
  source: 'imap' | 'endpoint';
  raw: Buffer;
  /** IMAP only: the UID, committed as the mailbox's progress with the mail itself. */
  imap?: { uidvalidity: string; uid: number };
  /** Set when `raw` holds only the headers of a mail this many bytes long (too big to fetch). */
  truncatedFrom?: number;
}

export type Filed =
  | (Delivered & { status: 'filed' })
  | { status: 'quarantined'; reason: string; ticketNumber: null }
  | { status: 'duplicate' | 'already'; reason: string; ticketNumber: number | null };

// What counts as filed for dedupe: a quarantined or duplicate row never blocks a later copy.
const FILED = ['ticket', 'reply', 'follow_up', 'bounce'];

/**
 * Files one arrived mail in ONE transaction: its mail_inbound row (every mail received has one,
 * whatever became of it), the ticket or reply, its attachments, its Message-ID for threading
 * and, for IMAP, the mailbox's UID progress. A crash before commit leaves no trace, so the mail
 * is fetched again; a crash after commit finds the UID done, or the mail filed. Either way:
 * exactly once. A duplicate is a mail with the Message-ID AND the content (contentDigest) of one
 * that was filed; another mail under a used Message-ID is filed as a mail of its own.
 * A mail that cannot be read, or whose filing fails on its content, is quarantined instead.
 *
 * @example
 * const filed = await fileMail(options, { orgId, mailbox, source: 'endpoint', raw });
 */
export async function fileMail(opts: FileOptions, arrival: Arrival): Promise<Filed> {
  // The raw bytes are kept as they came; the mail is read without an mbox separator line.
  const raw = withoutMboxSeparator(arrival.raw);
  const parsed = await readMail(arrival, raw, opts.mailMaxBytes);
  const rawGz = await gzipAsync(arrival.raw);
  const digest = contentDigest(raw);
  const messageId = parsed.messageId;
  return withTenant(opts.sql, asSystem(arrival.orgId), async (tx) => {
    if (arrival.imap && (await uidDone(tx, arrival.mailbox.id, arrival.imap))) {
      // The same IMAP message fetched twice (two pollers): its row is the first fetch's.
      return { status: 'already', reason: `UID ${arrival.imap.uid} was filed before`, ticketNumber: null };
    }
    await tx`select pg_advisory_xact_lock(hashtextextended('mail:' || ${arrival.orgId} || ':' || ${messageId}, 0))`;
    // Rows from before content digests (null) match on the Message-ID alone, as they did.
    const [earlier] = await tx<{ ticket_number: string | null; same: boolean; received_at: Date }[]>`
      select ticket_number::text, coalesce(content_sha256 = ${digest}, true) as same, received_at
      from mail_inbound where message_id = ${messageId} and outcome = any(${FILED}::text[])
      order by same desc, received_at, id limit 1`;
    const original = earlier?.same ? earlier : undefined;
    let filed: Filed;
    if (original) {
      filed = {
        status: 'duplicate',
        reason: `same Message-ID <${messageId}> and content as the mail filed ${original.received_at.toISOString()}${original.ticket_number ? ` (ticket #${original.ticket_number})` : ''}`,
        ticketNumber: original.ticket_number ? Number(original.ticket_number) : null,
      };
    } else {
      filed = 'unreadable' in parsed ? quarantine(parsed.unreadable) : await deliverOrQuarantine(tx, opts, arrival, parsed);
      if (filed.status === 'filed' && earlier) {
        const note = `Message-ID <${messageId}> was used before by a different mail${earlier.ticket_number ? ` (ticket #${earlier.ticket_number})` : ''}; filed as a mail of its own`;
        filed = { ...filed, reason: filed.reason ? `${note}; ${filed.reason}` : note };
      }
    }
    await recordArrival(tx, arrival, parsed, messageId, digest, rawGz, filed);
    if (arrival.imap) await tx`update mailboxes set uidvalidity = ${arrival.imap.uidvalidity}, last_uid = greatest(last_uid, ${arrival.imap.uid}) where id = ${arrival.mailbox.id}`;
    await opts.beforeCommit?.(filed);
    return filed;
  });
}

/** A mail set aside before filing: why, and the id it is deduplicated by. */
interface Unreadable {
  unreadable: string;
  messageId: string;
}

async function readMail(arrival: Arrival, raw: Buffer, maxBytes: number): Promise<InboundMail | Unreadable> {
  // Its own Message-ID still names an unreadable mail, when the headers name one.
  const head = raw.subarray(0, 64 * 1024).toString('latin1');
  const id = /^message-id:[ \t]*<?([^>\r\n]+)>?/im.exec(head)?.[1]?.trim().slice(0, 998);
  const fail = (reason: string): Unreadable => ({ unreadable: reason, messageId: id || fallbackId(raw) });
  if (arrival.truncatedFrom !== undefined || arrival.raw.length > maxBytes) {
    const size = arrival.truncatedFrom ?? arrival.raw.length;
    return fail(`the mail is ${size} bytes, over the ${Math.round(maxBytes / 1024 / 1024)} MiB limit (MAIL_MAX_MB)`);
  }
  try {
    return await parseInbound(raw);
  } catch (err) {
    if (err instanceof MalformedMail) return fail(err.message);
    throw err;
  }
}

/** The same bytes always give the same id, so a re-fetched unreadable mail is not set aside twice. */
function fallbackId(raw: Buffer): string {
  return `sha256-${createHash('sha256').update(raw).digest('hex')}@atum.invalid`;
}

async function uidDone(tx: TransactionSql, mailboxId: string, imap: { uidvalidity: string; uid: number }): Promise<boolean> {
  const [box] = await tx<{ uidvalidity: string | null; last_uid: string }[]>`
    select uidvalidity::text, last_uid::text from mailboxes where id = ${mailboxId} for update`;
  return box !== undefined && box.uidvalidity === imap.uidvalidity && Number(box.last_uid) >= imap.uid;
}

const quarantine = (reason: string): Filed => ({ status: 'quarantined', reason, ticketNumber: null });

/**
 * Only the mail's own fault quarantines it (bad data, a rule it breaks); anything else (the
 * database went away, a deadlock) fails the transaction, and the mail is fetched again later.
 */
async function deliverOrQuarantine(tx: TransactionSql, opts: FileOptions, arrival: Arrival, mail: InboundMail): Promise<Filed> {
  try {
    return { status: 'filed', ...(await tx.savepoint((sp) => deliverMail(sp, opts, arrival.orgId, arrival.mailbox, mail))) };
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (err instanceof HttpError) return quarantine(`filing refused: ${err.message}`);
    if (/^2[23]/.test(code)) return quarantine(`filing failed on the mail's content: ${(err as Error).message}`);
    throw err;
  }
}

async function recordArrival(tx: TransactionSql, arrival: Arrival, parsed: InboundMail | Unreadable, messageId: string, digest: Buffer, rawGz: Buffer, filed: Filed): Promise<void> {
  const mail = 'unreadable' in parsed ? null : parsed;
  const ok = filed.status === 'filed' ? filed : null;
  const outcome = ok?.outcome ?? (filed.status === 'duplicate' ? 'duplicate' : 'quarantined');
  await tx`
    insert into mail_inbound (org_id, mailbox_id, source, uidvalidity, uid, message_id, content_sha256, from_address, subject, size, raw_gz,
                              outcome, reason, ticket_number, ticket_message_id, suppress_autoreply, auto_reason, refused_attachments)
    values (${arrival.orgId}, ${arrival.mailbox.id}, ${arrival.source}, ${arrival.imap?.uidvalidity ?? null}, ${arrival.imap?.uid ?? null},
            ${messageId}, ${digest}, ${mail?.from.address ?? null}, ${mail?.subject ?? null}, ${arrival.truncatedFrom ?? arrival.raw.length}, ${rawGz},
            ${outcome}, ${filed.reason}, ${filed.ticketNumber}, ${ok?.ticketMessageId ?? null},
            ${ok?.suppressAutoreply ?? true}, ${ok?.autoReason ?? null}, ${tx.json((ok?.refused ?? []) as never)})`;
}
