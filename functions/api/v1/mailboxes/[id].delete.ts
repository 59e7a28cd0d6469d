import { actorOf } from '#lib/http/client.ts';
import { idParams } from '#lib/http/schemas.ts';
import { removeMailbox } from '#lib/mail/mailbox-changes.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/** DELETE /api/v1/mailboxes/:id — 204. Tickets and the log of received mail stay. */
export default endpoint({
  auth: { permission: 'settings.manage' },
  params: idParams,
  async handler({ c, db, caller, params }) {
    await removeMailbox(db, caller.orgId, actorOf(c, caller), params.id);
    return c.body(null, 204);
  },
});
