import { changeSlaList } from '#lib/pages/sla-list-change.ts';
import { actorOf } from '#lib/http/client.ts';
import { idParams } from '#lib/http/schemas.ts';
import { deletePolicy } from '#lib/sla/policies.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { SlaBody } from '#views/admin/sla.tsx';
import { t } from '#lib/i18n/translate.ts';

/**
 * POST /app/admin/sla/policies/:id/delete — deletes it (as DELETE /api/v1/sla/policies/:id; its
 * tickets are matched again in the background) and answers the SLA page's body at its own URL.
 */
export default endpoint({
  auth: { permission: 'sla.manage' },
  page: 'person',
  params: idParams,
  async handler({ c, db, caller, params }) {
    const done = await changeSlaList(
      db,
      (sp) => deletePolicy(sp, caller.orgId, actorOf(c, caller), params.id),
      (p) => t('admin_sla.notice.policy_deleted', { name: p.name }),
    );
    // From the policy's own page the URL must leave it: that page is gone.
    return c.html(<SlaBody {...done.data} state={done.state} />, done.status, done.status === 200 ? { 'HX-Replace-Url': '/app/admin/sla' } : {});
  },
});
