import { actorOf } from '#lib/http/client.ts';
import { CreateMailbox } from '#lib/mail/mailbox-input.ts';
import { createMailbox } from '#lib/mail/mailbox-changes.ts';
import { serializeMailbox } from '#lib/mail/mailboxes.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/**
 * POST /api/v1/mailboxes — `{name, from_address, imap_*?, smtp_*?, from_name?, signature?, subject_pattern?}`
 * → 201. Passwords are sealed (AES-256-GCM) and never shown again; an IMAP host needs user and password (422).
 */
export default endpoint({
  responses: { 201: { description: 'The new mailbox' } },
  auth: { permission: 'settings.manage' },
  body: CreateMailbox,
  async handler({ c, db, caller, body }) {
    const box = await createMailbox(db, c.var.deps.mailKey, caller.orgId, actorOf(c, caller), body);
    return c.json(serializeMailbox(box), 201);
  },
});
