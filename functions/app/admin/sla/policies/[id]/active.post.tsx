import * as v from 'valibot';
import { attempt } from '../../../../../../lib/admin/form-errors.ts';
import { pagePerson } from '../../../../../../lib/admin/page-caller.ts';
import { slaPageData } from '../../../../../../lib/admin/pages.ts';
import { actorOf } from '../../../../../../lib/http/client.ts';
import { readForm } from '../../../../../../lib/http/form-body.ts';
import { idParams } from '../../../../../../lib/http/schemas.ts';
import { updatePolicy } from '../../../../../../lib/sla/policies.ts';
import { endpoint } from '../../../../../../lib/router/endpoint.ts';
import { SlaBody } from '../../../../../../views/admin/sla.tsx';

const Form = v.object({ active: v.picklist(['on', 'off'], 'must be on or off') });

/** POST /app/admin/sla/policies/:id/active — `active=on|off` (as PATCH /api/v1/sla/policies/:id `{active}`); answers the SLA page's body. */
export default endpoint({
  auth: { permission: 'sla.manage' },
  params: idParams,
  async handler({ c, db, caller: presented, params }) {
    const caller = pagePerson(presented);
    const form = await readForm(c, Form);
    const done = form.ok ? await attempt(db, (sp) => updatePolicy(sp, caller.orgId, actorOf(c, caller), params.id, { active: form.value.active === 'on' })) : undefined;
    const data = await slaPageData(db);
    if (done?.ok) return c.html(<SlaBody {...data} state={{ notice: `Policy “${done.value.name}” ${done.value.active ? 'enabled' : 'disabled'}.` }} />);
    const error = done ? (done.message ?? Object.values(done.errors)[0]) : 'Not changed: send active=on or active=off.';
    return c.html(<SlaBody {...data} state={{ error }} />, done?.status ?? 422);
  },
});
