import * as v from 'valibot';
import { afterLanguageChoice } from '#lib/i18n/language-choice.ts';
import { localeSchema } from '#lib/i18n/locale-schema.ts';
import { saveOwnPreferences } from '#lib/i18n/own-preferences.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/** POST /app/account/language — the account menu's language: saved as the person's own, in every org. */
export default endpoint({
  auth: 'signed-in',
  page: 'person',
  duringMfaSetup: true,
  body: v.object({ locale: localeSchema }),
  async handler({ c, db, caller, body }) {
    await saveOwnPreferences(db, caller.userId, { locale: body.locale });
    return afterLanguageChoice(c, body.locale);
  },
});
