import * as v from 'valibot';
import { audit } from '#lib/audit/record.ts';
import { actorOf } from '#lib/http/client.ts';
import { localeSchema } from '#lib/i18n/locale-schema.ts';
import { insertTemplate, serializeTemplate } from '#lib/mail/templates/store.ts';
import { orgDefaultLocale } from '#lib/orgs/default-locale.ts';
import { templateBodyHtml, templateBodyText, templateKey, templateSubject } from '#lib/mail/templates/schemas.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/**
 * POST /api/v1/mail/templates — `{key, locale?, subject, body_text, body_html?}` → 201: the org's
 * own wording of one notification in one language (`locale`, the org's default language when
 * absent); mail to a reader of another language uses that language's own template or default. An unknown `{{variable}}` is 422 `invalid_template` (each one in
 * `details`); a key that already has its own template is 409.
 */
export default endpoint({
  responses: { 201: { description: 'The saved template' } },
  auth: { permission: 'settings.manage' },
  body: v.strictObject({ key: templateKey, locale: v.optional(localeSchema), subject: templateSubject, body_text: templateBodyText, body_html: v.optional(templateBodyHtml, null) }),
  async handler({ c, db, caller, body }) {
    const locale = body.locale ?? (await orgDefaultLocale(db));
    const row = await insertTemplate(db, caller.orgId, caller.kind === 'member' ? caller.userId : null, body.key, locale, body);
    await audit(db, caller.orgId, actorOf(c, caller), { action: 'mail_template.create', targetType: 'mail_template', targetId: row.id, details: { key: body.key, locale } });
    return c.json(serializeTemplate(row), 201);
  },
});
