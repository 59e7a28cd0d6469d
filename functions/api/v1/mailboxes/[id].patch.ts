import { audit } from '../../../../lib/audit.ts';
import { actorOf } from '../../../../lib/http/client.ts';
import { idParams } from '../../../../lib/http/schemas.ts';
import { UpdateMailbox } from '../../../../lib/mail/mailbox-input.ts';
import { saveMailbox, serializeMailbox } from '../../../../lib/mail/mailboxes.ts';
import { endpoint } from '../../../../lib/router/endpoint.ts';

/**
 * PATCH /api/v1/mailboxes/:id — any mailbox field. New IMAP settings are tried at the next
 * minute; another server, user or folder restarts the UID progress (known Message-IDs are skipped).
 */
export default endpoint({
  auth: { permission: 'settings.manage' },
  params: idParams,
  body: UpdateMailbox,
  async handler({ c, db, caller, params, body }) {
    const box = await saveMailbox(db, c.var.deps.mailKey, caller.orgId, params.id, body);
    // Which fields changed, never their secret values.
    const changed = Object.keys(body).filter((k) => body[k as keyof typeof body] !== undefined);
    await audit(db, caller.orgId, actorOf(c, caller), { action: 'mailbox.update', targetType: 'mailbox', targetId: box.id, details: { changed } });
    return serializeMailbox(box);
  },
});
