import type { ImapFlow, ImapFlowOptions } from 'imapflow';
import { withTenant, asSystem } from '#lib/db/tenant.ts';
import { mailboxSecrets, type Mailbox, findMailbox } from '#lib/mail/mailboxes.ts';
import { fileMail, type FileOptions } from './file-mail.ts';
import { recordPollFailure, recordPollSuccess } from './poll-state.ts';

export interface PollOptions extends FileOptions {
  key: Uint8Array;
  log: (line: string) => void;
  /** Mails filed per run; the rest wait for the next run, which is enqueued at once. */
  batchSize?: number;
  /** Milliseconds to wait for the connection and greeting (default 30 s). */
  connectTimeoutMs?: number;
  /** SMTP_URL is set: the failing-mailbox email to admins may go through it (lib/mail/mailbox-failure-notice.ts). */
  smtpUrlSet?: boolean;
}

export interface PollResult {
  filed: number;
  /** More mail than one batch was waiting. */
  more: boolean;
  /** Why nothing was tried (disabled, not due, no IMAP settings), or the failure recorded. */
  skipped?: string;
  error?: string;
}

function imapOptions(box: Mailbox, password: string, timeoutMs: number): ImapFlowOptions {
  return {
    host: box.imap_host!,
    port: box.imap_port,
    secure: box.imap_security === 'tls',
    doSTARTTLS: box.imap_security === 'starttls' ? true : box.imap_security === 'none' ? false : undefined,
    auth: { user: box.imap_user!, pass: password },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: 5 * 60_000,
  };
}

/** An imapflow error as one line an admin can act on. */
function describe(err: unknown): string {
  const e = err as { authenticationFailed?: boolean; responseText?: string; code?: string; message?: string; mailboxMissing?: boolean };
  if (e.authenticationFailed) return `IMAP login failed: ${e.responseText || 'the server refused the user name or password'}`;
  if (e.mailboxMissing) return `IMAP folder does not exist: ${e.message ?? ''}`;
  return `${e.code ? `${e.code}: ` : ''}${e.responseText || e.message || String(err)}`;
}

/**
 * One run of a mailbox's poller: connects with imapflow, files every mail above the stored UID
 * (under the folder's UIDVALIDITY; a new UIDVALIDITY restarts from the first UID, the
 * Message-IDs keep what was filed from being filed twice), one transaction per mail, and
 * records the outcome as the mailbox's health. Not due, disabled or unconfigured: nothing.
 * Safe to run twice: a second run finds the UIDs done.
 *
 * @example
 * const result = await pollMailbox(options, orgId, mailboxId);
 */
export async function pollMailbox(opts: PollOptions, orgId: string, mailboxId: string): Promise<PollResult> {
  const loaded = await withTenant(opts.sql, asSystem(orgId), async (tx) => {
    const box = await findMailbox(tx, mailboxId).catch(() => null);
    if (!box) return { skip: 'no such mailbox' } as const;
    if (!box.enabled || !box.imap_host) return { skip: 'disabled or without IMAP settings' } as const;
    if (box.next_try_at.getTime() > Date.now() + 1000) return { skip: `not due before ${box.next_try_at.toISOString()}` } as const;
    try {
      return { box, password: (await mailboxSecrets(tx, opts.key, mailboxId)).imapPassword ?? '' };
    } catch (err) {
      return { box, sealError: `the stored IMAP password cannot be opened (was MAIL_SECRET_KEY or APP_SECRET changed? enter the password again): ${(err as Error).message}` };
    }
  });
  if ('skip' in loaded) return { filed: 0, more: false, skipped: loaded.skip };
  if ('sealError' in loaded) {
    await recordPollFailure(opts.sql, opts.log, orgId, mailboxId, loaded.sealError!, opts.smtpUrlSet);
    return { filed: 0, more: false, error: loaded.sealError };
  }
  const { box, password } = loaded;
  // Loaded on first use, so processes that never poll (the API, the CLI) do not pay for it.
  const { ImapFlow: Client } = await import('imapflow');
  const client = new Client(imapOptions(box, password, opts.connectTimeoutMs ?? 30_000));
  // A dropped connection emits 'error'; the awaited command rejects as well, and that is where it is handled.
  client.on('error', () => {});
  let result: PollResult;
  try {
    await client.connect();
    result = await fileNewMail(opts, client, orgId, box);
    await client.logout().catch(() => {});
  } catch (err) {
    client.close();
    const error = describe(err);
    await recordPollFailure(opts.sql, opts.log, orgId, mailboxId, error, opts.smtpUrlSet);
    return { filed: 0, more: false, error };
  }
  await recordPollSuccess(opts.sql, opts.log, orgId, mailboxId);
  return result;
}

async function fileNewMail(opts: PollOptions, client: ImapFlow, orgId: string, box: Mailbox): Promise<PollResult> {
  const lock = await client.getMailboxLock(box.imap_folder, { readOnly: true });
  try {
    const uidvalidity = String(client.mailbox ? client.mailbox.uidValidity : false);
    let lastUid = Number(box.last_uid);
    if (box.uidvalidity !== null && box.uidvalidity !== uidvalidity) {
      opts.log(
        `mail: mailbox "${box.name}" (${box.id}): folder ${box.imap_folder} has a new UIDVALIDITY (${box.uidvalidity} → ${uidvalidity}); reading it again from the start, known Message-IDs are skipped`,
      );
      lastUid = 0;
    }
    const found = await client.search({ uid: `${lastUid + 1}:*` }, { uid: true });
    // `n:*` always names the newest mail, even when its UID is below n.
    const uids = (found || []).filter((uid) => uid > lastUid).sort((a, b) => a - b);
    const batch = uids.slice(0, opts.batchSize ?? 100);
    let filed = 0;
    for (const uid of batch) {
      const meta = await client.fetchOne(String(uid), { size: true }, { uid: true });
      const size = meta ? (meta.size ?? 0) : 0;
      const tooBig = size > opts.mailMaxBytes;
      const msg = await client.fetchOne(String(uid), tooBig ? { headers: true } : { source: true }, { uid: true });
      const raw = msg ? (tooBig ? msg.headers : msg.source) : undefined;
      // Expunged meanwhile: nothing to file, but the UID is done.
      await fileMail(opts, {
        orgId,
        mailbox: { id: box.id, subject_pattern: box.subject_pattern },
        source: 'imap',
        raw: raw ?? Buffer.alloc(0),
        imap: { uidvalidity, uid },
        ...(tooBig ? { truncatedFrom: size } : {}),
      });
      filed++;
    }
    return { filed, more: uids.length > batch.length };
  } finally {
    lock.release();
  }
}
