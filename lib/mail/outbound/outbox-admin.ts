import type { TransactionSql } from '#lib/db/pool.ts';
import { decodeCursor, encodeCursor, timestampKey, uuidKey } from '#lib/http/cursor.ts';
import { HttpError } from '#lib/http/errors.ts';
import { t } from '#lib/i18n/translate.ts';

export const OUTBOX_STATES = ['queued', 'sending', 'sent', 'failed', 'unknown'] as const;

/**
 * What an admin sees of a message: where it went and how delivery went, never its body (an
 * invitation or reset link in there is someone else's credential).
 */
const COLUMNS = `o.id, o.kind, o.to_address, o.subject, o.state, o.attempts, o.last_error, o.message_id, o.ticket_number::int as ticket_number,
  o.created_at, o.next_attempt_at, o.sending_since, o.sent_at, o.failed_at, o.smtp_response,
  b.bounced_at, b.bounce_status, b.bounce_diagnostic`;
// A delivery report that came back for the message (recorded by the inbound side against its Message-ID).
const FROM = `outbox o left join mail_message_ids b on b.message_id = o.message_id and b.direction = 'out'`;

export interface OutboxEntry {
  id: string;
  kind: string;
  to_address: string;
  subject: string | null;
  state: (typeof OUTBOX_STATES)[number];
  attempts: number;
  last_error: string | null;
  message_id: string | null;
  ticket_number: number | null;
  created_at: Date;
  next_attempt_at: Date;
  sending_since: Date | null;
  sent_at: Date | null;
  failed_at: Date | null;
  smtp_response: string | null;
  /** Set when a bounce (DSN) for this message came back: accepted by our SMTP server, not delivered. */
  bounced_at: Date | null;
  bounce_status: string | null;
  bounce_diagnostic: string | null;
}

/**
 * One page of the outbox, newest first, optionally of one state; keyset on (created_at, id), so
 * `cursor` is the `next_cursor` of the page before (lib/http/cursor.ts).
 *
 * @example
 * const page = await listOutbox(db, { state: 'unknown', limit: 50, cursor: query.cursor });
 */
export async function listOutbox(tx: TransactionSql, opts: { state?: string | undefined; limit: number; cursor?: string | undefined }): Promise<{ items: OutboxEntry[]; next_cursor: string | null }> {
  const after = opts.cursor === undefined ? undefined : decodeCursor(opts.cursor, ([at, id]) => (timestampKey(at) && uuidKey(id) ? { at, id } : undefined));
  // created_at also comes back as text for the cursor: a JS Date would cut its microseconds.
  const rows = await tx.unsafe<(OutboxEntry & { sort_at: string })[]>(
    `select ${COLUMNS}, o.created_at::text as sort_at from ${FROM}
     where ($1::text is null or o.state = $1) and ($2::text is null or (o.created_at, o.id) < ($2::timestamptz, $3::uuid))
     order by o.created_at desc, o.id desc limit $4`,
    [opts.state ?? null, after?.at ?? null, after?.id ?? null, opts.limit],
  );
  const last = rows.length === opts.limit ? rows.at(-1) : undefined;
  return { items: rows.map(({ sort_at: _cursor, ...entry }) => entry), next_cursor: last ? encodeCursor([last.sort_at, last.id]) : null };
}

/**
 * Sends a failed or possibly-sent message again, with the same Message-ID and content, and a
 * fresh set of tries. Requeueing fires the outbox trigger, which enqueues its job.
 */
export async function resendOutbox(tx: TransactionSql, id: string): Promise<OutboxEntry> {
  const [row] = await tx<{ state: string }[]>`select state from outbox where id = ${id} for update`;
  if (!row) throw new HttpError(404, 'not_found', t('error.outbox_message_not_found', { id }));
  if (row.state !== 'failed' && row.state !== 'unknown') {
    throw new HttpError(409, 'not_resendable', t('error.outbox_not_resendable', { state: row.state }));
  }
  await tx`
    update outbox set state = 'queued', attempts = 0, next_attempt_at = now(), failed_at = null, sending_since = null, attempt_id = null
    where id = ${id}`;
  const [entry] = await tx.unsafe<OutboxEntry[]>(`select ${COLUMNS} from ${FROM} where o.id = $1`, [id]);
  return entry!;
}
