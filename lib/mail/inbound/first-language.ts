import { guessLanguage } from '#lib/i18n/guess-language.ts';
import type { Locale } from '#lib/i18n/locales.ts';
import type { InboundMail } from './parse.ts';

/**
 * The language to write back in to someone whose first email this is: its Content-Language, or
 * the language its words are in (lib/i18n/guess-language.ts); null leaves them on the org's default.
 */
export function firstMailLanguage(mail: InboundMail): Locale | null {
  return guessLanguage(`${mail.subject} ${mail.body.text}`, mail.headers.get('content-language')?.[0]);
}
