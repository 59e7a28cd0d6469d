import { t } from '#lib/i18n/translate.ts';
import type { MessageKey } from '#lib/i18n/locales.ts';
import { TEMPLATE_VARIABLES } from './variables.ts';

/** The notifications an org may word itself; each is also an outbox `kind`. */
export const TEMPLATE_KEYS = ['ticket_acknowledgement', 'ticket_reply', 'ticket_assignment'] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

export interface MailTemplate {
  subject: string;
  body_text: string;
  /** Null: the mail goes out as text only. */
  body_html: string | null;
}

/** Who gets mail of each kind: customer mail carries the ticket reference, Reply-To and threading headers. */
export const AUDIENCE: Record<TemplateKey, 'customer' | 'staff'> = {
  ticket_acknowledgement: 'customer',
  ticket_reply: 'customer',
  ticket_assignment: 'staff',
};

/**
 * The catalogue's wording of each kind (locales/<lang>.json, `mail.<kind>.*`). Its ICU arguments
 * stand for the template variables; they are filled with the `{{variable}}` placeholders
 * themselves, so a default is a template like any an org saves, rendered the same way.
 */
const WORDING: Record<TemplateKey, { subject: MessageKey; body: MessageKey }> = {
  ticket_acknowledgement: { subject: 'mail.ticket_acknowledgement.subject', body: 'mail.ticket_acknowledgement.body' },
  ticket_reply: { subject: 'mail.ticket_reply.subject', body: 'mail.ticket_reply.body' },
  ticket_assignment: { subject: 'mail.ticket_assignment.subject', body: 'mail.ticket_assignment.body' },
};

/** Each ICU argument of the wording → the template variable it stands for. */
const PLACEHOLDERS: Record<string, string> = Object.fromEntries(Object.keys(TEMPLATE_VARIABLES).map((name) => [name.replace('.', '_'), `{{${name}}}`]));

/**
 * What an org gets until it saves its own, in the current reader's language (the recipient's,
 * when the mail composer asks). The ticket reference (the mailbox's subject pattern, `[#{number}]`
 * by default) is added to customer subjects when sending, so a template cannot break threading
 * by leaving it out. The HTML part is the text's paragraphs, with its links made links.
 */
export function defaultTemplate(key: TemplateKey): MailTemplate {
  const subject = t(WORDING[key].subject, PLACEHOLDERS);
  const body_text = t(WORDING[key].body, PLACEHOLDERS);
  return { subject, body_text, body_html: htmlOfText(body_text) };
}

/** Paragraphs at blank lines, line breaks within; `{{…url}}` placeholders become links to themselves. */
function htmlOfText(text: string): string {
  const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  return text
    .split(/\n{2,}/)
    .map(
      (paragraph) =>
        `<p>${escapeHtml(paragraph)
          .replace(/\{\{(portal_url|ticket\.url)\}\}/g, '<a href="{{$1}}">{{$1}}</a>')
          .replace(/\n/g, '<br>\n')}</p>`,
    )
    .join('\n');
}
