import * as v from 'valibot';
import { attempt } from '../../../../lib/admin/form-errors.ts';
import { autocloseDays, searchLanguage, updateOrg } from '../../../../lib/admin/org-settings.ts';
import { pagePerson } from '../../../../lib/admin/page-caller.ts';
import { settingsPageData } from '../../../../lib/admin/pages.ts';
import { readForm } from '../../../../lib/http/form-body.ts';
import { endpoint } from '../../../../lib/router/endpoint.ts';
import { SettingsBody, type SettingsState } from '../../../../views/admin/settings.tsx';

const Form = v.object({ search_language: searchLanguage, solved_autoclose_days: v.pipe(v.string(), v.trim(), v.regex(/^\d{1,3}$/, 'must be 1 to 365'), v.transform(Number), autocloseDays) });

/** POST /app/admin/settings/general — search language and auto-close days (as PATCH /api/v1/org); answers the page body. */
export default endpoint({
  auth: { permission: 'settings.manage' },
  async handler({ c, db, caller }) {
    pagePerson(caller);
    const again = async (status: number, state: SettingsState) => c.html(<SettingsBody {...await settingsPageData(db, c.var.clientIp)} state={state} />, status as 200);
    const form = await readForm(c, Form);
    if (!form.ok) return again(400, { form: { which: 'general', state: form } });
    const done = await attempt(db, (sp) => updateOrg(sp, c.var.clientIp, form.value), { allowlist_excludes_you: 'ip_allowlist', invalid_language: 'search_language' });
    if (!done.ok) return again(done.status, { form: { which: 'general', state: { errors: done.errors, values: form.values } }, error: done.message });
    return again(200, { notice: 'Saved. New searches use the language now; solved tickets close after the new number of days.' });
  },
});
