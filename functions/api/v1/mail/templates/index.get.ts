import * as v from 'valibot';
import { localeSchema } from '#lib/i18n/locale-schema.ts';
import { listTemplates } from '#lib/mail/templates/store.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/**
 * GET /api/v1/mail/templates — every notification kind in every language with the template in
 * force: the org's own (`customized: true`, with its `id`) or the built-in default of that
 * language (`id: null`). `?locale=de` lists one language.
 */
export default endpoint({
  auth: { permission: 'settings.manage' },
  query: v.object({ locale: v.optional(localeSchema) }),
  async handler({ db, query }) {
    return { items: await listTemplates(db, query.locale) };
  },
});
