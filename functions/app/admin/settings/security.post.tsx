import { t } from '#lib/i18n/translate.ts';
import * as v from 'valibot';
import { saveSettingsForm } from '#lib/pages/settings-save.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { SettingsBody } from '#views/admin/settings.tsx';

const Form = v.object({ require_2fa: v.optional(v.literal('on')) });

/** POST /app/admin/settings/security — whether everyone must use two-factor authentication (as PATCH /api/v1/org); answers the page body. */
export default endpoint({
  auth: { permission: 'settings.manage' },
  page: 'person',
  async handler({ c, db }) {
    const saved = await saveSettingsForm(c, db, 'security', Form, (f) => ({ require_2fa: f.require_2fa === 'on' }), t('admin.settings.saved'));
    return c.html(<SettingsBody {...saved.data} state={saved.state} />, saved.status);
  },
});
