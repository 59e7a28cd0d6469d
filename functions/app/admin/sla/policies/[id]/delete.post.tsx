import { attempt } from '../../../../../../lib/admin/form-errors.ts';
import { pagePerson } from '../../../../../../lib/admin/page-caller.ts';
import { slaPageData } from '../../../../../../lib/admin/pages.ts';
import { actorOf } from '../../../../../../lib/http/client.ts';
import { idParams } from '../../../../../../lib/http/schemas.ts';
import { deletePolicy } from '../../../../../../lib/sla/policies.ts';
import { endpoint } from '../../../../../../lib/router/endpoint.ts';
import { SlaBody } from '../../../../../../views/admin/sla.tsx';

/**
 * POST /app/admin/sla/policies/:id/delete — deletes it (as DELETE /api/v1/sla/policies/:id; its
 * tickets are matched again in the background) and answers the SLA page's body at its own URL.
 */
export default endpoint({
  auth: { permission: 'sla.manage' },
  params: idParams,
  async handler({ c, db, caller: presented, params }) {
    const caller = pagePerson(presented);
    const done = await attempt(db, (sp) => deletePolicy(sp, caller.orgId, actorOf(c, caller), params.id));
    const data = await slaPageData(db);
    if (!done.ok) return c.html(<SlaBody {...data} state={{ error: done.message ?? Object.values(done.errors)[0] }} />, done.status);
    return c.html(<SlaBody {...data} state={{ notice: `Policy “${done.value.name}” deleted.` }} />, 200, { 'HX-Replace-Url': '/app/admin/sla' });
  },
});
