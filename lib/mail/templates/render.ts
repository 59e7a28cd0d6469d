import { isTemplateVariable, type TemplateValues } from './variables.ts';
import type { MailTemplate } from './defaults.ts';

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** A problem in one field of a template, as the 422 answer lists it. */
export interface TemplateProblem {
  path: 'subject' | 'body_text' | 'body_html';
  message: string;
}

/**
 * What is wrong with a template before it is saved: unknown variables, and braces that open a
 * placeholder without closing it (or the reverse), which would otherwise reach a customer verbatim.
 *
 * @example
 * templateProblems({ subject: 'Hi {{ticket.numbr}}', body_text: 'x', body_html: null });
 * // [{ path: 'subject', message: 'unknown variable {{ticket.numbr}}' }]
 */
export function templateProblems(template: MailTemplate): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  for (const path of ['subject', 'body_text', 'body_html'] as const) {
    const text = template[path];
    if (text === null) continue;
    for (const match of text.matchAll(PLACEHOLDER)) {
      if (!isTemplateVariable(match[1]!)) problems.push({ path, message: `unknown variable {{${match[1]}}}` });
    }
    const rest = text.replace(PLACEHOLDER, '');
    if (rest.includes('{{') || rest.includes('}}')) problems.push({ path, message: 'a {{ or }} that is not part of a {{variable}}' });
  }
  return problems;
}

/** Plain text: values go in as they are. Subjects lose line breaks (a header is one line). */
export function renderText(text: string, values: TemplateValues): string {
  return text.replace(PLACEHOLDER, (_, name: string) => (isTemplateVariable(name) ? values[name] : ''));
}

export function renderSubject(text: string, values: TemplateValues): string {
  return renderText(text, values)
    .replace(/[\r\n]+/g, ' ')
    .trim()
    .slice(0, 500);
}

/**
 * HTML: every value is escaped, so a customer's `<script>` in a subject or reply arrives as
 * text; line breaks in values become `<br>`. The template's own markup is the admin's.
 */
export function renderHtml(html: string, values: TemplateValues): string {
  return html.replace(PLACEHOLDER, (_, name: string) => (isTemplateVariable(name) ? escapeHtml(values[name]).replace(/\r?\n/g, '<br>\n') : ''));
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
