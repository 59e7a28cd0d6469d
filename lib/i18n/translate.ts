import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import { IntlMessageFormat, type Formats } from 'intl-messageformat';
import type { Child } from 'hono/jsx';
import { INTL_LOCALE, type Locale, type MessageKey, messagesOf } from './locales.ts';
import { reader } from './reader.ts';

/** What a message's ICU arguments may be given. */
export type MessageValues = Record<string, string | number | Date | boolean | null | undefined>;

/** Arguments of a message with markup: `<b>…</b>` in the text is given as `b: (chunks) => <b>{chunks}</b>`. */
export type RichValues = Record<string, string | number | Date | boolean | null | undefined | Child | ((chunks: Child[]) => Child)>;

const cache = createIntlCache();
const intls = new Map<string, IntlShape<string>>();
const reported = new Set<string>();

/**
 * The formatter for a language and zone, made once and kept: @formatjs parses each message the
 * first time it is used and keeps the compiled form in the shared cache.
 */
export function intlFor(locale: Locale, timeZone: string): IntlShape<string> {
  const id = `${locale} ${timeZone}`;
  let intl = intls.get(id);
  if (!intl) {
    intl = createIntl({ locale: INTL_LOCALE[locale], defaultLocale: 'en-GB', timeZone, messages: messagesOf(locale), onError: reportOnce }, cache);
    intls.set(id, intl);
  }
  return intl;
}

/** A broken message or argument is logged once, not once a render, and never thrown at the reader. */
function reportOnce(err: { message: string; code?: string }): void {
  const line = `${err.code ?? 'error'}: ${err.message}`;
  if (reported.has(line)) return;
  reported.add(line);
  console.warn(`[atum] catalogue ${line}`);
}

/**
 * Each message compiled once per language and zone, or its text when it has no arguments.
 * @formatjs/intl's formatMessage re-merges its formats and looks the compiled message up by a
 * serialised key on every call (some 24 µs); a page calls it a hundred times, so the compiled
 * form is kept here by message id instead (about 1 µs a call).
 */
const compiled = new Map<string, Map<string, IntlMessageFormat | string>>();

function compiledMessage(locale: Locale, timeZone: string, key: string): IntlMessageFormat | string {
  const id = `${locale} ${timeZone}`;
  let byKey = compiled.get(id);
  if (!byKey) {
    byKey = new Map();
    compiled.set(id, byKey);
  }
  let message = byKey.get(key);
  if (message === undefined) {
    message = compile(locale, timeZone, key);
    byKey.set(key, message);
  }
  return message;
}

function compile(locale: Locale, timeZone: string, key: string): IntlMessageFormat | string {
  const text = messagesOf(locale)[key];
  if (text === undefined) {
    reportOnce({ code: 'MISSING_TRANSLATION', message: `no message ${key}` });
    return key;
  }
  try {
    const message = new IntlMessageFormat(text, INTL_LOCALE[locale], formatsIn(timeZone), { formatters: intlFor(locale, timeZone).formatters });
    const ast = message.getAst();
    // A message without arguments or tags is its own text: nothing to format per call.
    if (ast.length === 0) return '';
    if (ast.length === 1 && ast[0]!.type === 0) return ast[0]!.value;
    return message;
  } catch (err) {
    reportOnce({ code: 'INVALID_MESSAGE', message: `${key}: ${err instanceof Error ? err.message : String(err)}` });
    return text;
  }
}

/** ICU's date and time styles ({at, date, medium}) in the reader's zone. */
function formatsIn(timeZone: string): Partial<Formats> {
  const inZone = (styles: Record<string, Intl.DateTimeFormatOptions>) => Object.fromEntries(Object.entries(styles).map(([name, options]) => [name, { ...options, timeZone }]));
  return { date: inZone(IntlMessageFormat.formats.date), time: inZone(IntlMessageFormat.formats.time) };
}

function formatCompiled(key: string, values: Record<string, unknown> | undefined): unknown {
  const { locale, timeZone } = reader();
  const message = compiledMessage(locale, timeZone, key);
  if (typeof message === 'string') return message;
  try {
    return message.format(values as never);
  } catch (err) {
    reportOnce({ code: 'FORMAT_ERROR', message: `${key}: ${err instanceof Error ? err.message : String(err)}` });
    return messagesOf(locale)[key] ?? key;
  }
}

/**
 * A message of the catalogue in the current reader's language (lib/i18n/reader.ts), plurals,
 * numbers and dates by ICU.
 *
 * @example
 * t('queue.count', { count: 3 }); // '3 tickets' / '3 Tickets'
 */
export function t(key: MessageKey, values?: MessageValues): string {
  const out = formatCompiled(key, values);
  return Array.isArray(out) ? out.join('') : String(out);
}

/**
 * A message with markup for JSX: each tag in the text is rendered by the function given for it,
 * every other part is text (escaped by JSX as usual).
 *
 * @example
 * tRich('ticket.assigned_to', { name: 'Ada', b: (chunks) => <b>{chunks}</b> })
 */
export function tRich(key: MessageKey, values: RichValues): Child {
  return formatCompiled(key, values) as Child;
}
