import { actorOf } from '#lib/http/client.ts';
import { idParams } from '#lib/http/schemas.ts';
import { UpdateMailbox } from '#lib/mail/mailbox-input.ts';
import { updateMailbox } from '#lib/mail/mailbox-changes.ts';
import { serializeMailbox } from '#lib/mail/mailboxes.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/**
 * PATCH /api/v1/mailboxes/:id — any mailbox field. New IMAP settings are tried at the next
 * minute; another server, user or folder restarts the UID progress (known Message-IDs are skipped).
 */
export default endpoint({
  auth: { permission: 'settings.manage' },
  params: idParams,
  body: UpdateMailbox,
  async handler({ c, db, caller, params, body }) {
    return serializeMailbox(await updateMailbox(db, c.var.deps.mailKey, caller.orgId, actorOf(c, caller), params.id, body));
  },
});
