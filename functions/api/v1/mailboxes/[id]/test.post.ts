import { idParams } from '#lib/http/schemas.ts';
import { testMailboxConnection } from '#lib/mail/connection-test.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/**
 * POST /api/v1/mailboxes/:id/test — tries the saved settings: an IMAP login and its folder, and
 * the SMTP server with its login (each gives up after 10 s). Always 200 with
 * `{ok, imap: {ok, detail} | {ok: false, error} | null, smtp: …}`; nothing is fetched, sent or
 * changed. Another org's id is a 404.
 */
export default endpoint({
  responses: { 200: { description: '`{ok, imap, smtp}`: each side `{ok: true, detail}` or `{ok: false, error}`; `imap` is null without an IMAP server' } },
  auth: { permission: 'settings.manage' },
  params: idParams,
  async handler({ c, db, params }) {
    return c.json(await testMailboxConnection(db, c.var.deps.mailKey, c.var.deps.config.mail, params.id));
  },
});
