import { policyChoices } from '#lib/pages/admin-page-data.ts';
import { newPolicyValues } from '#lib/sla/policy-form.ts';
import { layoutUser } from '#lib/pages/layout-user.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { AdminLayout } from '#views/admin/admin-layout.tsx';
import { NewPolicyBody } from '#views/admin/sla-policy.tsx';
import { t } from '#lib/i18n/translate.ts';

/** GET /app/admin/sla/policies/new — the new-policy form (active, business hours, pausing while pending or on hold). */
export default endpoint({
  auth: { permission: 'sla.manage' },
  page: 'person',
  async handler({ c, db, caller }) {
    const choices = await policyChoices(db);
    return c.html(
      <AdminLayout user={await layoutUser(db, caller)} section="sla" title={t('admin_sla.title')}>
        <NewPolicyBody {...choices} form={{ errors: {}, values: newPolicyValues(choices.calendars[0]?.id) }} />
      </AdminLayout>,
    );
  },
});
