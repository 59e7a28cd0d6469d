import { bareId, type InboundMail } from './parse.ts';

/**
 * Why a mail must not get an automatic answer, or null when it may. Order matters only for the
 * reason recorded; any one rule suffices. The header set is the union of what Zammad,
 * FreeScout and osTicket recognise (RFC 3834 plus the vendors' own), see PRACTICE.md §3.
 *
 * @example
 * autoReason(mail, new Set(['help@acme.test'])); // 'auto-submitted: auto-replied'
 */
export function autoReason(mail: InboundMail, ownAddresses: ReadonlySet<string>): string | null {
  const h = (name: string) => mail.headers.get(name)?.[0]?.trim() ?? null;
  if (mail.isDeliveryReport) return 'delivery-report';
  const autoSubmitted = h('auto-submitted');
  if (autoSubmitted !== null && autoSubmitted.split(';')[0]!.trim().toLowerCase() !== 'no') return `auto-submitted: ${autoSubmitted.slice(0, 60)}`;
  const precedence = (h('precedence') ?? h('x-precedence'))?.toLowerCase();
  if (precedence && ['bulk', 'junk', 'list', 'auto_reply'].includes(precedence)) return `precedence: ${precedence}`;
  for (const name of ['x-autoreply', 'x-autorespond', 'x-autoresponder', 'x-autoresponse', 'x-mail-autoreply', 'x-amazon-mail-relay-type']) {
    if (h(name) !== null) return name;
  }
  const suppress = h('x-auto-response-suppress')?.toLowerCase();
  if (suppress && /\b(all|oof|autoreply)\b/.test(suppress)) return `x-auto-response-suppress: ${suppress.slice(0, 60)}`;
  if (h('x-loop') !== null) return 'x-loop';
  if (h('list-id') !== null || h('list-unsubscribe') !== null) return 'mailing-list';
  const returnPath = h('return-path');
  if (returnPath !== null && /^<\s*>$/.test(returnPath)) return 'empty return-path';
  if (ownAddresses.has(mail.from.address)) return 'from one of our own mailboxes';
  if (/^(mailer-daemon|postmaster)@/i.test(mail.from.address)) return 'from a mailer daemon';
  return null;
}

/** What a delivery status notification says about the mail it returns. */
export interface Bounce {
  /** The Message-ID of our mail that bounced, when the report names it. */
  originalMessageId: string | null;
  status: string | null;
  recipient: string | null;
  diagnostic: string | null;
}

/** Header-style fields of a delivery-status or embedded-headers part (folded lines unfolded). */
function fields(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let last: string | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && last) {
      out.set(last, `${out.get(last)} ${line.trim()}`);
      continue;
    }
    const m = /^([!-9;-~]+):\s*(.*)$/.exec(line);
    if (!m) continue;
    last = m[1]!.toLowerCase();
    if (!out.has(last)) out.set(last, m[2]!);
  }
  return out;
}

/**
 * Reads an RFC 3464 report: the recipient, status and diagnostic from the delivery-status part,
 * and the bounced mail's Message-ID from an Original-Message-ID field or the returned message's
 * own headers (a `message/rfc822` or `text/rfc822-headers` part).
 *
 * @example
 * readBounce(mail); // { originalMessageId: 'a1@desk.test', status: '5.1.1', recipient: 'x@y.test', diagnostic: 'smtp; 550 …' }
 */
export function readBounce(mail: InboundMail): Bounce {
  const status = mail.parts.find((p) => p.contentType === 'message/delivery-status' || p.contentType === 'message/global-delivery-status');
  const report = status ? fields(status.content.toString('utf8')) : new Map<string, string>();
  const returned = mail.parts.find((p) => ['message/rfc822', 'text/rfc822-headers', 'message/global', 'message/global-headers'].includes(p.contentType));
  const embedded = returned ? fields(returned.content.toString('utf8').split(/\r?\n\r?\n/)[0] ?? '') : new Map<string, string>();
  const original = report.get('original-message-id') ?? mail.headers.get('original-message-id')?.[0] ?? embedded.get('message-id') ?? null;
  const recipient = report.get('final-recipient') ?? report.get('original-recipient') ?? null;
  return {
    originalMessageId: original ? bareId(original) : null,
    status: report.get('status')?.slice(0, 20) ?? null,
    recipient: recipient ? recipient.replace(/^[a-z0-9-]+;\s*/i, '').slice(0, 254) : null,
    diagnostic: report.get('diagnostic-code')?.slice(0, 1000) ?? null,
  };
}
