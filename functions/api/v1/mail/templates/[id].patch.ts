import * as v from 'valibot';
import { sendAChange } from '#lib/http/validation-messages.ts';
import { audit } from '#lib/audit/record.ts';
import { actorOf } from '#lib/http/client.ts';
import { idParams } from '#lib/http/schemas.ts';
import { serializeTemplate, updateTemplate } from '#lib/mail/templates/store.ts';
import { templateBodyHtml, templateBodyText, templateSubject } from '#lib/mail/templates/schemas.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/**
 * PATCH /api/v1/mail/templates/:id — `{subject?, body_text?, body_html?}` (`body_html: null`:
 * text only). Unknown variables are 422 `invalid_template`, and nothing changes.
 */
export default endpoint({
  auth: { permission: 'settings.manage' },
  params: idParams,
  body: v.pipe(
    v.strictObject({ subject: v.optional(templateSubject), body_text: v.optional(templateBodyText), body_html: v.optional(templateBodyHtml) }),
    v.check((b) => Object.values(b).some((x) => x !== undefined), sendAChange),
  ),
  async handler({ c, db, caller, params, body }) {
    const row = await updateTemplate(db, params.id, caller.kind === 'member' ? caller.userId : null, body);
    await audit(db, caller.orgId, actorOf(c, caller), { action: 'mail_template.update', targetType: 'mail_template', targetId: row.id, details: { key: row.key, fields: Object.keys(body) } });
    return serializeTemplate(row);
  },
});
