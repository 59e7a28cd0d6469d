import { t } from '#lib/i18n/translate.ts';
import * as v from 'valibot';
import { cidrEntry } from '#lib/orgs/settings.ts';
import { saveSettingsForm } from '#lib/pages/settings-save.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { SettingsBody } from '#views/admin/settings.tsx';

const Form = v.object({
  ip_allowlist: v.pipe(
    v.optional(v.string(), ''),
    v.transform((s) =>
      s
        .split(/\r?\n/)
        .map((x) => x.trim())
        .filter(Boolean),
    ),
    v.maxLength(200, () => t('admin.settings.allowlist_too_long')),
    v.check(
      (xs) => xs.every((x) => v.is(cidrEntry, x)),
      () => t('admin.settings.allowlist_bad_line'),
    ),
  ),
});

/**
 * POST /app/admin/settings/allowlist — the IP allowlist, one entry per line (as PATCH
 * /api/v1/org; an empty list allows every address). A list without the admin's own address is
 * refused (409) with the reason beside the field.
 */
export default endpoint({
  auth: { permission: 'settings.manage' },
  page: 'person',
  async handler({ c, db }) {
    const saved = await saveSettingsForm(c, db, 'allowlist', Form, (f) => f, t('admin.settings.allowlist_saved'));
    return c.html(<SettingsBody {...saved.data} state={saved.state} />, saved.status);
  },
});
