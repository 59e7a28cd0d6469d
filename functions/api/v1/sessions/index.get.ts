import * as v from 'valibot';
import { listSessions } from '#lib/auth/sessions.ts';
import { uuid } from '#lib/http/schemas.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/** GET /api/v1/sessions?user_id= — every live session in the org, or one member's. */
export default endpoint({
  auth: { permission: 'users.manage' },
  query: v.object({ user_id: v.optional(uuid) }),
  async handler({ db, caller, query }) {
    return { items: await listSessions(db, query.user_id ?? null, caller.kind === 'member' ? caller.sessionId : undefined) };
  },
});
