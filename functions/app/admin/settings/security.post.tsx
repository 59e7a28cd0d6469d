import * as v from 'valibot';
import { attempt } from '../../../../lib/admin/form-errors.ts';
import { updateOrg } from '../../../../lib/admin/org-settings.ts';
import { pagePerson } from '../../../../lib/admin/page-caller.ts';
import { settingsPageData } from '../../../../lib/admin/pages.ts';
import { readForm } from '../../../../lib/http/form-body.ts';
import { endpoint } from '../../../../lib/router/endpoint.ts';
import { SettingsBody, type SettingsState } from '../../../../views/admin/settings.tsx';

const Form = v.object({ require_2fa: v.optional(v.literal('on')) });

/** POST /app/admin/settings/security — whether everyone must use two-factor authentication (as PATCH /api/v1/org); answers the page body. */
export default endpoint({
  auth: { permission: 'settings.manage' },
  async handler({ c, db, caller }) {
    pagePerson(caller);
    const again = async (status: number, state: SettingsState) => c.html(<SettingsBody {...await settingsPageData(db, c.var.clientIp)} state={state} />, status as 200);
    const form = await readForm(c, Form);
    if (!form.ok) return again(400, { form: { which: 'security', state: form } });
    const done = await attempt(db, (sp) => updateOrg(sp, c.var.clientIp, { require_2fa: form.value.require_2fa === 'on' }), { allowlist_excludes_you: 'ip_allowlist', invalid_language: 'search_language' });
    if (!done.ok) return again(done.status, { form: { which: 'security', state: { errors: done.errors, values: form.values } }, error: done.message });
    return again(200, { notice: 'Saved.' });
  },
});
