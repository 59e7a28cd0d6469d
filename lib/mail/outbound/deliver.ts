import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Config } from '#lib/config.ts';
import type { Sql, TransactionSql } from '#lib/db/pool.ts';
import { isConnectionError } from '#lib/db/errors.ts';
import { withTenant, asSystem } from '#lib/db/tenant.ts';
import { composeMail, mailOptions, type OutboxRow } from './compose.ts';
import { NoSmtpServer, smtpRoute, type SmtpRoute } from './smtp-route.ts';

/**
 * Delivery of one outbox row, built around the one window no mail system can close: the SMTP
 * server has accepted the message, and we have not yet recorded that.
 *
 * 1. Claim: in its own committed transaction the row goes queued → sending with a fresh
 *    attempt id and `sending_since`, with its composed mail (subject, body, Message-ID,
 *    References) stored and its Message-ID recorded in mail_message_ids.
 * 2. Talk SMTP, with timeouts well inside MAIL_SENDING_TIMEOUT_MINUTES.
 * 3. Confirm: sending → sent (or back to queued with a later next_attempt_at, or failed), but
 *    only for the same attempt id.
 *
 * A crash between 1 and 3 leaves the row `sending`. Nothing re-sends such a row: once it is
 * older than the timeout, the sweep (or its own job, run again) marks it `unknown`, "possibly
 * sent", with the reason. An admin who finds it was not delivered resends it through the API,
 * with the same Message-ID, so a copy that did arrive is folded by the customer's mail client
 * instead of showing twice. We chose reporting over re-sending because a duplicate reply to a
 * customer is worse than a visible "check this one" for an admin.
 */
export interface DeliveryDeps {
  sql: Sql;
  config: Config;
  mailKey: Uint8Array;
}

export type DeliveryOutcome =
  | { outcome: 'sent'; messageId: string; response: string }
  | { outcome: 'retry'; error: string; attempts: number; nextAttemptAt: Date }
  | { outcome: 'failed'; error: string; attempts: number }
  | { outcome: 'possibly_sent'; messageId: string | null }
  | { outcome: 'skipped'; why: string };

interface Claimed {
  row: OutboxRow;
  attemptId: string;
  attempts: number;
  route: SmtpRoute;
  options: ReturnType<typeof mailOptions>;
}

/**
 * Claims whose COMMIT went out but whose answer the connection lost (the database stopped at
 * that moment): the row may be `sending` under this attempt id, yet this process knows it never
 * started SMTP for it. Only this process can know that, so it keeps them here: the job's retry
 * then sends the row instead of leaving it to be reported "possibly sent". Entries exist only
 * after a lost connection and are dropped when used.
 */
const unconfirmedClaims = new Map<string, string>();
const UNCONFIRMED_CLAIMS_MAX = 10_000;

/**
 * Sends one outbox row if it is due and queued. Safe to run twice and concurrently: only the
 * transaction that claims the row sends it.
 *
 * @example
 * const result = await deliverOutboxRow({ sql, config, mailKey }, orgId, outboxId);
 */
export async function deliverOutboxRow(deps: DeliveryDeps, orgId: string, id: string): Promise<DeliveryOutcome> {
  const attemptId = randomUUID();
  let claimed: Claimed | DeliveryOutcome;
  try {
    claimed = await withTenant(deps.sql, asSystem(orgId), (tx) => claimOutboxRow(tx, deps, id, attemptId));
    unconfirmedClaims.delete(id);
  } catch (err) {
    if (isConnectionError(err) && unconfirmedClaims.size < UNCONFIRMED_CLAIMS_MAX) unconfirmedClaims.set(id, attemptId);
    throw err;
  }
  if ('outcome' in claimed) return claimed;
  const transporter = nodemailer.createTransport(claimed.route.transport);
  try {
    const info = await transporter.sendMail(claimed.options);
    await withTenant(
      deps.sql,
      asSystem(orgId),
      (tx) => tx`
      update outbox set state = 'sent', sent_at = now(), smtp_response = ${info.response}, attempt_id = null, last_error = null
      where id = ${id} and attempt_id = ${claimed.attemptId}`,
    );
    return { outcome: 'sent', messageId: claimed.row.message_id!, response: info.response };
  } catch (err) {
    const e = err as { message?: string; code?: string; responseCode?: number };
    const permanent = e.code === 'EENVELOPE' && e.responseCode !== undefined && e.responseCode >= 500 && e.responseCode !== 503;
    const error = `${claimed.route.via}: ${e.message ?? String(err)}`;
    return withTenant(deps.sql, asSystem(orgId), (tx) => recordFailure(tx, deps.config, id, claimed.attemptId, claimed.attempts, error, permanent));
  } finally {
    transporter.close();
  }
}

/** Step 1, in the caller's transaction: everything but the SMTP conversation. */
export async function claimOutboxRow(tx: TransactionSql, deps: DeliveryDeps, id: string, attemptId: string = randomUUID()): Promise<Claimed | DeliveryOutcome> {
  const [row] = await tx<(OutboxRow & { state: string; attempts: number; attempt_id: string | null; due: boolean; stuck: boolean })[]>`
    select id, org_id, kind, to_address, subject, body_text, body_html, recipient_user_id, ticket_number::text,
           ticket_message_id, mailbox_id, auto_submitted, message_id, in_reply_to, "references", state, attempts, attempt_id,
           next_attempt_at <= now() + interval '1 second' as due,
           sending_since < now() - make_interval(mins => ${deps.config.mail.sendingTimeoutMinutes}) as stuck
    from outbox where id = ${id} for update`;
  if (!row) return { outcome: 'skipped', why: 'no such outbox row' };
  // Our own claim whose commit answer was lost: it committed, but SMTP never started for it.
  const ownUnsent = row.state === 'sending' && row.attempt_id !== null && unconfirmedClaims.get(id) === row.attempt_id;
  if (row.state === 'sending' && row.stuck && !ownUnsent) {
    await markPossiblySent(tx, deps.config, id);
    return { outcome: 'possibly_sent', messageId: row.message_id };
  }
  if (row.state !== 'queued' && !ownUnsent) return { outcome: 'skipped', why: `the row is ${row.state}` };
  if (!row.due && !ownUnsent) return { outcome: 'skipped', why: 'not due yet' };
  let route: SmtpRoute;
  try {
    route = await smtpRoute(tx, deps.mailKey, deps.config.mail, row.mailbox_id);
  } catch (err) {
    if (!(err instanceof NoSmtpServer)) throw err;
    await tx`update outbox set attempts = attempts + 1 where id = ${id}`;
    return recordFailure(tx, deps.config, id, null, row.attempts + 1, err.message, false);
  }
  const mail = await composeMail(tx, row, route, deps.config.publicUrl);
  await tx`
    insert into mail_message_ids (org_id, message_id, ticket_number, ticket_message_id, direction, mailbox_id)
    values (${row.org_id}, ${mail.message_id}, ${mail.threaded ? row.ticket_number : null}::bigint, ${row.ticket_message_id}, 'out', ${row.mailbox_id})
    on conflict do nothing`;
  await tx`
    update outbox set state = 'sending', attempt_id = ${attemptId}, sending_since = now(), attempts = attempts + 1,
      subject = ${mail.subject}, body_text = ${mail.body_text}, body_html = ${mail.body_html}, message_id = ${mail.message_id},
      in_reply_to = ${mail.in_reply_to}, "references" = ${mail.references}::text[]
    where id = ${id}`;
  const claimedRow = { ...row, ...mail };
  return { row: claimedRow, attemptId, attempts: row.attempts + 1, route, options: mailOptions(claimedRow, mail, route) };
}

/**
 * A failed try: back to queued after an exponential wait (MAIL_RETRY_BASE_SECONDS, doubling,
 * at most 64 times it), or failed for good after MAIL_MAX_ATTEMPTS or a permanent refusal of
 * the recipient. Requeueing fires the outbox trigger, which schedules the job again.
 */
async function recordFailure(tx: TransactionSql, config: Config, id: string, attemptId: string | null, attempts: number, error: string, permanent: boolean): Promise<DeliveryOutcome> {
  const final = permanent || attempts >= config.mail.maxAttempts;
  const delaySeconds = config.mail.retryBaseSeconds * 2 ** Math.min(attempts - 1, 6);
  const [row] = await tx<{ next_attempt_at: Date }[]>`
    update outbox set
      state = ${final ? 'failed' : 'queued'}, last_error = ${error.slice(0, 2000)}, attempt_id = null, sending_since = null,
      failed_at = ${final ? new Date() : null},
      next_attempt_at = case when ${final} then next_attempt_at else now() + make_interval(secs => ${delaySeconds}) end
    where id = ${id} and (${attemptId}::uuid is null or attempt_id = ${attemptId}::uuid)
    returning next_attempt_at`;
  if (!row) return { outcome: 'skipped', why: 'the attempt was taken over (marked possibly sent meanwhile)' };
  return final ? { outcome: 'failed', error, attempts } : { outcome: 'retry', error, attempts, nextAttemptAt: row.next_attempt_at };
}

/** The crash window: claimed longer ago than any SMTP conversation lasts, never confirmed. */
export async function markPossiblySent(tx: TransactionSql, config: Config, id: string | null): Promise<{ id: string; message_id: string | null }[]> {
  return tx<{ id: string; message_id: string | null }[]>`
    update outbox set state = 'unknown', attempt_id = null,
      last_error = 'possibly sent: the worker stopped after claiming this message at ' || to_char(sending_since at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS') ||
        ' UTC and before recording the SMTP answer. Look for its Message-ID in the SMTP server''s log; resend it only if it was not delivered.'
    where state = 'sending' and sending_since < now() - make_interval(mins => ${config.mail.sendingTimeoutMinutes})
      and (${id}::uuid is null or id = ${id}::uuid)
    returning id, message_id`;
}
