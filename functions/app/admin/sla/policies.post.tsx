import { attempt } from '#lib/pages/form-errors.ts';
import { policyChoices } from '#lib/pages/admin-page-data.ts';
import { checkPolicyForm, policyFormValues } from '#lib/sla/policy-form.ts';
import { actorOf } from '#lib/http/client.ts';
import { readFormFields } from '#lib/http/form-body.ts';
import { createPolicy } from '#lib/sla/policies.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { NewPolicyBody, PolicyBody } from '#views/admin/sla-policy.tsx';
import { t } from '#lib/i18n/translate.ts';

/**
 * POST /app/admin/sla/policies — a policy from the form, checked by POST /api/v1/sla/policies's
 * own schema (refused: 422 with the reasons beside the fields), placed last. Created, it answers
 * the policy's page body and puts its URL in the address bar.
 */
export default endpoint({
  auth: { permission: 'sla.manage' },
  page: 'person',
  async handler({ c, db, caller }) {
    const choices = await policyChoices(db);
    const values = await readFormFields(c);
    const checked = checkPolicyForm(
      values,
      choices.teams.map((t) => t.id),
    );
    if (!checked.ok) return c.html(<NewPolicyBody {...choices} form={{ errors: checked.errors, values }} />, 422);
    const done = await attempt(db, (sp) => createPolicy(sp, caller.orgId, actorOf(c, caller), checked.value), { sla_target_unreachable: 'targets' });
    if (!done.ok) return c.html(<NewPolicyBody {...choices} form={{ errors: done.errors, values }} error={done.message} />, done.status);
    const policy = done.value;
    const body = <PolicyBody policy={policy} {...choices} form={{ errors: {}, values: policyFormValues(policy) }} state={{ notice: t('admin_sla.notice.policy_created', { name: policy.name }) }} />;
    return c.html(body, 200, { 'HX-Push-Url': `/app/admin/sla/policies/${policy.id}` });
  },
});
