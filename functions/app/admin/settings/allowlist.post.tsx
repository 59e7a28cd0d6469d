import * as v from 'valibot';
import { attempt } from '../../../../lib/admin/form-errors.ts';
import { cidrEntry, updateOrg } from '../../../../lib/admin/org-settings.ts';
import { pagePerson } from '../../../../lib/admin/page-caller.ts';
import { settingsPageData } from '../../../../lib/admin/pages.ts';
import { readForm } from '../../../../lib/http/form-body.ts';
import { endpoint } from '../../../../lib/router/endpoint.ts';
import { SettingsBody, type SettingsState } from '../../../../views/admin/settings.tsx';

const Form = v.object({ ip_allowlist: v.pipe(v.optional(v.string(), ''), v.transform((s) => s.split(/\r?\n/).map((x) => x.trim()).filter(Boolean)), v.maxLength(200, 'at most 200 entries'), v.check((xs) => xs.every((x) => v.is(cidrEntry, x)), 'each line must be an IPv4 or IPv6 address or CIDR range, like 203.0.113.0/24')) });

/**
 * POST /app/admin/settings/allowlist — the IP allowlist, one entry per line (as PATCH
 * /api/v1/org; an empty list allows every address). A list without the admin's own address is
 * refused (409) with the reason beside the field.
 */
export default endpoint({
  auth: { permission: 'settings.manage' },
  async handler({ c, db, caller }) {
    pagePerson(caller);
    const again = async (status: number, state: SettingsState) => c.html(<SettingsBody {...await settingsPageData(db, c.var.clientIp)} state={state} />, status as 200);
    const form = await readForm(c, Form);
    if (!form.ok) return again(400, { form: { which: 'allowlist', state: form } });
    const done = await attempt(db, (sp) => updateOrg(sp, c.var.clientIp, form.value), { allowlist_excludes_you: 'ip_allowlist', invalid_language: 'search_language' });
    if (!done.ok) return again(done.status, { form: { which: 'allowlist', state: { errors: done.errors, values: form.values } }, error: done.message });
    return again(200, { notice: 'Allowlist saved.' });
  },
});
