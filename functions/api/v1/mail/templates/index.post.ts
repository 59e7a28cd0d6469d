import * as v from 'valibot';
import { audit } from '#lib/audit/record.ts';
import { actorOf } from '#lib/http/client.ts';
import { insertTemplate, serializeTemplate } from '#lib/mail/templates/store.ts';
import { templateBodyHtml, templateBodyText, templateKey, templateSubject } from '#lib/mail/templates/schemas.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/**
 * POST /api/v1/mail/templates — `{key, subject, body_text, body_html?}` → 201: the org's own
 * wording of one notification. An unknown `{{variable}}` is 422 `invalid_template` (each one in
 * `details`); a key that already has its own template is 409.
 */
export default endpoint({
  responses: { 201: { description: 'The saved template' } },
  auth: { permission: 'settings.manage' },
  body: v.strictObject({ key: templateKey, subject: templateSubject, body_text: templateBodyText, body_html: v.optional(templateBodyHtml, null) }),
  async handler({ c, db, caller, body }) {
    const row = await insertTemplate(db, caller.orgId, caller.kind === 'member' ? caller.userId : null, body.key, body);
    await audit(db, caller.orgId, actorOf(c, caller), { action: 'mail_template.create', targetType: 'mail_template', targetId: row.id, details: { key: body.key } });
    return c.json(serializeTemplate(row), 201);
  },
});
