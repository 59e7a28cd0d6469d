import { attempt } from '#lib/pages/form-errors.ts';
import { policyChoices } from '#lib/pages/admin-page-data.ts';
import { checkPolicyForm, policyFormValues } from '#lib/sla/policy-form.ts';
import { actorOf } from '#lib/http/client.ts';
import { readFormFields } from '#lib/http/form-body.ts';
import { idParams } from '#lib/http/schemas.ts';
import { findPolicy, updatePolicy } from '#lib/sla/policies.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { PolicyBody } from '#views/admin/sla-policy.tsx';
import { t } from '#lib/i18n/translate.ts';

/**
 * POST /app/admin/sla/policies/:id — the whole policy from its form, checked by the API's
 * PolicyInput and saved as PATCH /api/v1/sla/policies/:id does (which enqueues the recompute of
 * open tickets). Refused: 422 with the reasons beside the fields, nothing saved.
 */
export default endpoint({
  auth: { permission: 'sla.manage' },
  page: 'person',
  params: idParams,
  async handler({ c, db, caller, params }) {
    const policy = await findPolicy(db, params.id);
    const choices = await policyChoices(db);
    const values = await readFormFields(c);
    const checked = checkPolicyForm(
      values,
      choices.teams.map((t) => t.id),
    );
    if (!checked.ok) return c.html(<PolicyBody policy={policy} {...choices} form={{ errors: checked.errors, values }} />, 422);
    const done = await attempt(db, (sp) => updatePolicy(sp, caller.orgId, actorOf(c, caller), params.id, checked.value), { sla_target_unreachable: 'targets' });
    if (!done.ok) return c.html(<PolicyBody policy={policy} {...choices} form={{ errors: done.errors, values }} state={{ error: done.message }} />, done.status);
    const notice = t('admin_sla.notice.policy_saved');
    return c.html(<PolicyBody policy={done.value} {...choices} form={{ errors: {}, values: policyFormValues(done.value) }} state={{ notice }} />);
  },
});
