import * as v from 'valibot';
import { HttpError } from '#lib/http/errors.ts';
import { readForm } from '#lib/http/form-body.ts';
import { afterLanguageChoice } from '#lib/i18n/language-choice.ts';
import { localeSchema } from '#lib/i18n/locale-schema.ts';
import { saveOwnPreferences } from '#lib/i18n/own-preferences.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/** POST /app/account/language — the account menu's language: saved as the person's own, in every org. */
export default endpoint({
  auth: 'signed-in',
  page: 'person',
  duringMfaSetup: true,
  async handler({ c, db, caller }) {
    const form = await readForm(c, v.object({ locale: localeSchema }));
    if (!form.ok) throw new HttpError(400, 'invalid_form', form.errors.locale ?? '');
    await saveOwnPreferences(db, caller.userId, { locale: form.value.locale });
    return afterLanguageChoice(c, form.value.locale, c.var.deps.config.publicUrl);
  },
});
