import * as v from 'valibot';
import { autocloseDays, searchLanguage } from '#lib/orgs/settings.ts';
import { saveSettingsForm } from '#lib/pages/settings-save.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { SettingsBody } from '#views/admin/settings.tsx';

const Form = v.object({ search_language: searchLanguage, solved_autoclose_days: v.pipe(v.string(), v.trim(), v.regex(/^\d{1,3}$/, 'must be 1 to 365'), v.transform(Number), autocloseDays) });

/** POST /app/admin/settings/general — search language and auto-close days (as PATCH /api/v1/org); answers the page body. */
export default endpoint({
  auth: { permission: 'settings.manage' },
  page: 'person',
  async handler({ c, db }) {
    const saved = await saveSettingsForm(c, db, 'general', Form, (f) => f, 'Saved. New searches use the language now; solved tickets close after the new number of days.');
    return c.html(<SettingsBody {...saved.data} state={saved.state} />, saved.status);
  },
});
