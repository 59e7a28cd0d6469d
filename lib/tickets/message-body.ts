import { htmlToText, sanitizeMessageHtml, textToHtml } from '#lib/html/sanitize.ts';

/** A message body as stored: plain text for search and email, sanitised HTML for display. */
export interface MessageBody {
  text: string;
  html: string;
}

/**
 * Builds both forms from what a client sent: HTML is sanitised and its text derived when no
 * text came with it; text alone is escaped into HTML.
 *
 * @example
 * messageBody({ body: 'Hello' }); // { text: 'Hello', html: '<p>Hello</p>' }
 */
export function messageBody(input: { body?: string | undefined; body_html?: string | undefined }): MessageBody {
  if (input.body_html !== undefined) {
    const html = sanitizeMessageHtml(input.body_html);
    return { html, text: input.body ?? htmlToText(html) };
  }
  const text = input.body ?? '';
  return { text, html: textToHtml(text) };
}
