import type { MailConfig } from '#lib/config.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import { findMailbox, mailboxSecrets, type Mailbox } from './mailboxes.ts';
import { NoSmtpServer, smtpRoute } from './outbound/smtp-route.ts';
import { t } from '#lib/i18n/translate.ts';

/** One side's outcome: what worked, or the error in words an admin can act on. */
export type SideResult = { ok: true; detail: string } | { ok: false; error: string };

/** `imap` is null when the mailbox has no IMAP server (only piped mail); SMTP is always tried, since replies leave through it. */
export interface ConnectionTest {
  ok: boolean;
  imap: SideResult | null;
  smtp: SideResult;
}

/** Each side gives up after this long: the test runs while the admin waits. */
const CONNECTION_TEST_TIMEOUT_MS = 10_000;

/**
 * imapflow and nodemailer errors as one line in the reader's language (the admin's page, or the
 * API caller's): the server's own words, in whatever language it speaks, where it gave some.
 */
function describe(err: unknown, side: 'IMAP' | 'SMTP'): string {
  const e = err as { authenticationFailed?: boolean; responseText?: string; response?: string; code?: string; message?: string; mailboxMissing?: boolean };
  if (e.authenticationFailed || e.code === 'EAUTH') return t('admin_mail.test.login_failed', { side, reason: e.responseText || e.response || t('admin_mail.test.login_refused') });
  if (e.mailboxMissing) return t('admin_mail.test.folder_missing', { reason: e.responseText || e.message || '' });
  const text = e.responseText || e.response || e.message || String(err);
  return `${side}: ${e.code && !text.includes(e.code) ? `${e.code}: ` : ''}${text}`;
}

async function tryImap(box: Mailbox, password: string, timeoutMs: number): Promise<SideResult> {
  const { ImapFlow } = await import('imapflow');
  const client = new ImapFlow({
    host: box.imap_host!,
    port: box.imap_port,
    secure: box.imap_security === 'tls',
    doSTARTTLS: box.imap_security === 'starttls' ? true : box.imap_security === 'none' ? false : undefined,
    auth: { user: box.imap_user ?? '', pass: password },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  client.on('error', () => {}); // the awaited command rejects too; that is where it is reported
  try {
    await client.connect();
    const status = await client.status(box.imap_folder, { messages: true });
    await client.logout().catch(() => {});
    const count = status ? (status.messages ?? 0) : 0;
    return { ok: true, detail: t('admin_mail.test.imap_ok', { host: box.imap_host ?? '', port: String(box.imap_port), user: box.imap_user ?? '', folder: box.imap_folder, count }) };
  } catch (err) {
    client.close();
    return { ok: false, error: describe(err, 'IMAP') };
  }
}

async function trySmtp(tx: TransactionSql, key: Uint8Array, mail: MailConfig, box: Mailbox, timeoutMs: number): Promise<SideResult> {
  let route;
  try {
    route = await smtpRoute(tx, key, mail, box.id);
  } catch (err) {
    // NoSmtpServer's words come from the outbound route (lib/mail/outbound), shown as they are.
    if (err instanceof NoSmtpServer) return { ok: false, error: err.message };
    return { ok: false, error: t('admin_mail.test.smtp_unsealable', { reason: (err as Error).message }) };
  }
  const { default: nodemailer } = await import('nodemailer');
  const transport = nodemailer.createTransport({ ...route.transport, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs });
  try {
    await transport.verify();
    const detail = box.smtp_user ? t('admin_mail.test.smtp_ok_login', { via: route.via, user: box.smtp_user }) : t('admin_mail.test.smtp_ok', { via: route.via });
    return { ok: true, detail };
  } catch (err) {
    return { ok: false, error: `${describe(err, 'SMTP')} (${route.via})` };
  } finally {
    transport.close();
  }
}

/**
 * Tries the mailbox's settings as saved, the way the poller and the sender use them: an IMAP
 * login and a look at its folder, and an SMTP connection with its login (through SMTP_URL when
 * the mailbox has no SMTP server of its own; with neither, that is the SMTP error). Nothing is fetched or sent, nothing changes.
 * Another org's id is a 404.
 *
 * @example
 * const result = await testMailboxConnection(db, key, config.mail, id); // { ok: false, imap: { ok: false, error: 'IMAP login failed: …' }, smtp: { ok: true, detail: '…' } }
 */
export async function testMailboxConnection(tx: TransactionSql, key: Uint8Array, mail: MailConfig, id: string, timeoutMs = CONNECTION_TEST_TIMEOUT_MS): Promise<ConnectionTest> {
  const box = await findMailbox(tx, id);
  let secrets: { imapPassword: string | null } = { imapPassword: null };
  let sealError: string | null = null;
  try {
    secrets = await mailboxSecrets(tx, key, id);
  } catch (err) {
    sealError = t('admin_mail.test.imap_unsealable', { reason: (err as Error).message });
  }
  const [imap, smtp] = await Promise.all([
    !box.imap_host ? null : sealError ? ({ ok: false, error: sealError } as const) : tryImap(box, secrets.imapPassword ?? '', timeoutMs),
    trySmtp(tx, key, mail, box, timeoutMs),
  ]);
  return { ok: (imap?.ok ?? true) && smtp.ok, imap, smtp };
}
