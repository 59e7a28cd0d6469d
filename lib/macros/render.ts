/** What a macro's text can refer to, filled in when it is applied to a ticket. */
export interface MacroContext {
  ticket: { number: number | string; subject: string; status: string; priority: string };
  requester: { name: string | null; email: string };
  agent: { name: string | null; email: string };
  org: { name: string };
}

const PLACEHOLDER = /\{\{\s*([a-z_]+\.[a-z_]+)\s*\}\}/g;

function firstName(name: string | null, email: string): string {
  const full = (name ?? '').trim();
  return full ? full.split(/\s+/)[0]! : email.split('@')[0]!;
}

const VALUES: Record<string, (c: MacroContext) => string> = {
  'ticket.number': (c) => String(c.ticket.number),
  'ticket.subject': (c) => c.ticket.subject,
  'ticket.status': (c) => c.ticket.status,
  'ticket.priority': (c) => c.ticket.priority,
  'requester.name': (c) => c.requester.name?.trim() || c.requester.email,
  'requester.first_name': (c) => firstName(c.requester.name, c.requester.email),
  'requester.email': (c) => c.requester.email,
  'agent.name': (c) => c.agent.name?.trim() || c.agent.email,
  'agent.first_name': (c) => firstName(c.agent.name, c.agent.email),
  'agent.email': (c) => c.agent.email,
  'org.name': (c) => c.org.name,
};

/** Every placeholder a macro may use, for docs and error messages. */
export const PLACEHOLDERS: readonly string[] = Object.keys(VALUES).map((k) => `{{${k}}}`);

/**
 * The placeholders in `text` that do not exist, so a typo is refused when the macro is saved
 * rather than sent to a customer.
 *
 * @example
 * unknownPlaceholders('Hi {{requester.nmae}}'); // ['{{requester.nmae}}']
 */
export function unknownPlaceholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].filter((m) => !VALUES[m[1]!]).map((m) => m[0]);
}

/**
 * Fills a macro's placeholders (plain text: the composer escapes it like anything typed).
 *
 * @example
 * renderMacro('Hi {{requester.first_name}}, about #{{ticket.number}}', ctx); // 'Hi Ada, about #42'
 */
export function renderMacro(text: string, ctx: MacroContext): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => VALUES[name]?.(ctx) ?? whole);
}
