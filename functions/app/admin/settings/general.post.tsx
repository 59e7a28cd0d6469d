import * as v from 'valibot';
import { isLocale, type Locale } from '#lib/i18n/locales.ts';
import { t } from '#lib/i18n/translate.ts';
import { autocloseDays, searchLanguage } from '#lib/orgs/settings.ts';
import { saveSettingsForm } from '#lib/pages/settings-save.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { SettingsBody } from '#views/admin/settings.tsx';

const Form = v.object({
  // Optional: a form from before the field existed still saves the rest.
  default_locale: v.optional(v.custom<Locale>(isLocale, () => t('admin.settings.default_locale_invalid'))),
  search_language: searchLanguage,
  solved_autoclose_days: v.pipe(
    v.string(),
    v.trim(),
    v.regex(/^\d{1,3}$/, () => t('admin.settings.autoclose_invalid')),
    v.transform(Number),
    autocloseDays,
  ),
});

/**
 * POST /app/admin/settings/general — the org's default language, search language and auto-close
 * days (as PATCH /api/v1/org, which leaves the default language to this page); answers the page body.
 */
export default endpoint({
  auth: { permission: 'settings.manage' },
  page: 'person',
  async handler({ c, db }) {
    const saved = await saveSettingsForm(c, db, 'general', Form, (f) => f, t('admin.settings.general_saved'));
    return c.html(<SettingsBody {...saved.data} state={saved.state} />, saved.status);
  },
});
