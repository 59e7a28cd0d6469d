import * as v from 'valibot';
import { mustBeAny } from '#lib/http/validation-messages.ts';
import { slaPageData } from '#lib/pages/admin-page-data.ts';
import { changeSlaList } from '#lib/pages/sla-list-change.ts';
import { actorOf } from '#lib/http/client.ts';
import { readForm } from '#lib/http/form-body.ts';
import { idParams } from '#lib/http/schemas.ts';
import { updatePolicy } from '#lib/sla/policies.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { SlaBody } from '#views/admin/sla.tsx';
import { t } from '#lib/i18n/translate.ts';

const Form = v.object({ active: v.picklist(['on', 'off'], mustBeAny(['on', 'off'])) });

/** POST /app/admin/sla/policies/:id/active — `active=on|off` (as PATCH /api/v1/sla/policies/:id `{active}`); answers the SLA page's body. */
export default endpoint({
  auth: { permission: 'sla.manage' },
  page: 'person',
  params: idParams,
  async handler({ c, db, caller, params }) {
    const form = await readForm(c, Form);
    if (!form.ok) return c.html(<SlaBody {...(await slaPageData(db))} state={{ error: t('admin_sla.notice.not_changed') }} />, 422);
    const active = form.value.active === 'on';
    const done = await changeSlaList(
      db,
      (sp) => updatePolicy(sp, caller.orgId, actorOf(c, caller), params.id, { active }),
      (p) => (p.active ? t('admin_sla.notice.policy_enabled', { name: p.name }) : t('admin_sla.notice.policy_disabled', { name: p.name })),
    );
    return c.html(<SlaBody {...done.data} state={done.state} />, done.status);
  },
});
