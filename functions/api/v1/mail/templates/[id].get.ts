import { idParams } from '#lib/http/schemas.ts';
import { findTemplate, serializeTemplate } from '#lib/mail/templates/store.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/** GET /api/v1/mail/templates/:id — one of the org's saved templates. */
export default endpoint({
  auth: { permission: 'settings.manage' },
  params: idParams,
  async handler({ db, params }) {
    return serializeTemplate(await findTemplate(db, params.id));
  },
});
