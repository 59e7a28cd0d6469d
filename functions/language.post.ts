import * as v from 'valibot';
import { afterLanguageChoice } from '#lib/i18n/language-choice.ts';
import { localeSchema } from '#lib/i18n/locale-schema.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/** POST /language — a visitor's language before signing in, kept in a cookie on this browser. */
export default endpoint({
  auth: 'public',
  transaction: false,
  body: v.object({ locale: localeSchema }),
  async handler({ c, body }) {
    return afterLanguageChoice(c, body.locale);
  },
});
