import { listMailboxes, serializeMailbox } from '#lib/mail/mailboxes.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/** GET /api/v1/mailboxes — the org's mailboxes with their poll status (`ok` or `failing`, last error, next try); never a password. */
export default endpoint({
  auth: { permission: 'settings.manage' },
  async handler({ db }) {
    return { items: (await listMailboxes(db)).map(serializeMailbox) };
  },
});
