import { policyChoices } from '#lib/pages/admin-page-data.ts';
import { policyFormValues } from '#lib/sla/policy-form.ts';
import { idParams } from '#lib/http/schemas.ts';
import { layoutUser } from '#lib/pages/layout-user.ts';
import { findPolicy } from '#lib/sla/policies.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { AdminLayout } from '#views/admin/admin-layout.tsx';
import { PolicyBody } from '#views/admin/sla-policy.tsx';
import { t } from '#lib/i18n/translate.ts';

/** GET /app/admin/sla/policies/:id — one policy to edit. Another org's id is a 404. */
export default endpoint({
  auth: { permission: 'sla.manage' },
  page: 'person',
  params: idParams,
  async handler({ c, db, caller, params }) {
    const policy = await findPolicy(db, params.id);
    return c.html(
      <AdminLayout user={await layoutUser(db, caller)} section="sla" title={t('admin_sla.title')}>
        <PolicyBody policy={policy} {...(await policyChoices(db))} form={{ errors: {}, values: policyFormValues(policy) }} />
      </AdminLayout>,
    );
  },
});
