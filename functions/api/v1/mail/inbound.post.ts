import { HttpError } from '#lib/http/errors.ts';
import { readCapped } from '#lib/http/read-capped.ts';
import { AUTOREPLY_CAP_PER_HOUR } from '#lib/mail/inbound/deliver.ts';
import { fileMail } from '#lib/mail/inbound/file-mail.ts';
import { mailboxOfInboundToken } from '#lib/mail/inbound/inbound-token.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { t } from '#lib/i18n/translate.ts';

/**
 * POST /api/v1/mail/inbound — one raw RFC 5322 message as the body (for an MTA that pipes mail:
 * `curl --data-binary @- -H 'Authorization: Bearer atm_…'`), filed like a polled mail: ticket,
 * reply, bounce, or quarantined with a reason. Bigger than MAIL_MAX_MB: 413, nothing kept.
 */
export default endpoint({
  summary: 'File one raw email (MTA pipe) with a mailbox inbound token',
  tags: ['mail'],
  responses: { 200: { description: '`{outcome, ticket_number, reason}`: ticket, reply, follow_up, bounce, quarantined or duplicate' } },
  auth: 'public',
  transaction: false,
  async handler({ c }) {
    const deps = c.var.deps;
    const { orgId, mailbox } = await mailboxOfInboundToken(deps.unscoped, c.req.header('authorization'));
    const raw = await readCapped(c.req.raw.body, deps.config.mailMaxBytes, () => t('error.mail_too_large', { mib: String(deps.config.mailMaxBytes / 1024 / 1024) }));
    if (raw.length === 0) throw new HttpError(400, 'validation_failed', t('error.raw_message_required'));
    const filed = await fileMail(
      {
        sql: deps.unscoped,
        kv: deps.kv,
        dataDir: deps.config.dataDir,
        attachmentMaxBytes: deps.config.attachmentMaxBytes,
        mailMaxBytes: deps.config.mailMaxBytes,
        autoreplyCapPerHour: AUTOREPLY_CAP_PER_HOUR,
      },
      { orgId, mailbox, source: 'endpoint', raw },
    );
    return c.json({ outcome: filed.status === 'filed' ? filed.outcome : filed.status, ticket_number: filed.ticketNumber, reason: filed.reason });
  },
});
