import { listTemplates } from '#lib/mail/templates/store.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/**
 * GET /api/v1/mail/templates — every notification kind with the template in force: the org's
 * own (`customized: true`, with its `id`) or the built-in default (`id: null`).
 */
export default endpoint({
  auth: { permission: 'settings.manage' },
  async handler({ db }) {
    return { items: await listTemplates(db) };
  },
});
