import * as v from 'valibot';
import { HttpError } from '#lib/http/errors.ts';
import { readForm } from '#lib/http/form-body.ts';
import { pageRedirect } from '#lib/http/page-redirect.ts';
import { localeSchema } from '#lib/i18n/locale-schema.ts';
import { readOwnPreferences, saveOwnPreferences } from '#lib/i18n/own-preferences.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { PreferencesForm } from '#views/preferences-page.tsx';

const Form = v.object({ locale: v.union([v.literal(''), localeSchema]), time_zone: v.pipe(v.string(), v.trim(), v.maxLength(64)) });

/**
 * POST /app/account/preferences — saves the language and time zone (empty: the org's) and reloads
 * the page, now in the language chosen; a zone that does not exist answers the form again with
 * its error, as typed, and nothing saved.
 */
export default endpoint({
  auth: 'signed-in',
  page: 'staff',
  async handler({ c, db, caller }) {
    const form = await readForm(c, Form);
    if (!form.ok) throw new HttpError(400, 'invalid_form', Object.values(form.errors).join(' '));
    const body = form.value;
    try {
      await saveOwnPreferences(db, caller.userId, { locale: body.locale || null, time_zone: body.time_zone || null });
    } catch (err) {
      if (!(err instanceof HttpError) || err.status !== 400) throw err;
      const prefs = { ...(await readOwnPreferences(db, caller.userId)), timeZone: body.time_zone };
      return c.html(<PreferencesForm prefs={prefs} error={err.message} />, 422);
    }
    return pageRedirect(c, '/app/account/preferences?saved=1');
  },
});
