import * as v from 'valibot';
import { mustBeAny } from '#lib/http/validation-messages.ts';
import { slaPageData } from '#lib/pages/admin-page-data.ts';
import { changeSlaList } from '#lib/pages/sla-list-change.ts';
import { actorOf } from '#lib/http/client.ts';
import { readForm } from '#lib/http/form-body.ts';
import { idParams } from '#lib/http/schemas.ts';
import { movePolicy } from '#lib/sla/policy-order.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { SlaBody } from '#views/admin/sla.tsx';
import { t } from '#lib/i18n/translate.ts';

const Form = v.object({ direction: v.picklist(['up', 'down'], mustBeAny(['up', 'down'])) });

/**
 * POST /app/admin/sla/policies/:id/move — `direction=up|down` swaps it with its neighbour, through
 * the same reorder as PUT /api/v1/sla/policies/order; answers the SLA page's body.
 */
export default endpoint({
  auth: { permission: 'sla.manage' },
  page: 'person',
  params: idParams,
  async handler({ c, db, caller, params }) {
    const form = await readForm(c, Form);
    if (!form.ok) return c.html(<SlaBody {...(await slaPageData(db))} state={{ error: t('admin_sla.notice.not_moved') }} />, 422);
    const { direction } = form.value;
    const done = await changeSlaList(
      db,
      (sp) => movePolicy(sp, caller.orgId, actorOf(c, caller), params.id, direction),
      () => t('admin_sla.notice.order_saved'),
    );
    return c.html(<SlaBody {...done.data} state={done.state} />, done.status);
  },
});
