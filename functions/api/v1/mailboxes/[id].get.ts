import { idParams } from '#lib/http/schemas.ts';
import { findMailbox, serializeMailbox } from '#lib/mail/mailboxes.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/** GET /api/v1/mailboxes/:id — one mailbox with its poll status; another org's id is 404. */
export default endpoint({
  auth: { permission: 'settings.manage' },
  params: idParams,
  async handler({ db, params }) {
    return serializeMailbox(await findMailbox(db, params.id));
  },
});
