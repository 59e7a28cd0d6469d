import * as v from 'valibot';
import { HttpError } from '#lib/http/errors.ts';
import { readForm } from '#lib/http/form-body.ts';
import { afterLanguageChoice } from '#lib/i18n/language-choice.ts';
import { localeSchema } from '#lib/i18n/locale-schema.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/** POST /language — a visitor's language before signing in, kept in a cookie on this browser. */
export default endpoint({
  auth: 'public',
  transaction: false,
  async handler({ c }) {
    const form = await readForm(c, v.object({ locale: localeSchema }));
    if (!form.ok) throw new HttpError(400, 'invalid_form', form.errors.locale ?? '');
    return afterLanguageChoice(c, form.value.locale, c.var.deps.config.publicUrl);
  },
});
