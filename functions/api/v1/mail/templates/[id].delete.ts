import { audit } from '#lib/audit/record.ts';
import { actorOf } from '#lib/http/client.ts';
import { idParams } from '#lib/http/schemas.ts';
import { deleteTemplate } from '#lib/mail/templates/store.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/** DELETE /api/v1/mail/templates/:id — drops the org's own template (204): the default is in force again. */
export default endpoint({
  auth: { permission: 'settings.manage' },
  params: idParams,
  async handler({ c, db, caller, params }) {
    const key = await deleteTemplate(db, params.id);
    await audit(db, caller.orgId, actorOf(c, caller), { action: 'mail_template.delete', targetType: 'mail_template', targetId: params.id, details: { key } });
    return c.body(null, 204);
  },
});
