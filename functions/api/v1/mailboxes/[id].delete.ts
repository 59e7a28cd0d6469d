import { audit } from '../../../../lib/audit.ts';
import { actorOf } from '../../../../lib/http/client.ts';
import { idParams } from '../../../../lib/http/schemas.ts';
import { deleteMailbox, findMailbox } from '../../../../lib/mail/mailboxes.ts';
import { endpoint } from '../../../../lib/router/endpoint.ts';

/** DELETE /api/v1/mailboxes/:id — 204. Tickets and the log of received mail stay. */
export default endpoint({
  auth: { permission: 'settings.manage' },
  params: idParams,
  async handler({ c, db, caller, params }) {
    const box = await findMailbox(db, params.id);
    await deleteMailbox(db, params.id);
    await audit(db, caller.orgId, actorOf(c, caller), { action: 'mailbox.delete', targetType: 'mailbox', targetId: params.id, details: { name: box.name, from_address: box.from_address } });
    return c.body(null, 204);
  },
});
