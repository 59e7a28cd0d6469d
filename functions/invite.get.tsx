import * as v from 'valibot';
import { endpoint } from '#lib/router/endpoint.ts';
import { InvitePage } from '#views/invite-page.tsx';

/** GET /invite?token= — the page an invitation email links to. */
export default endpoint({
  auth: 'public',
  transaction: false,
  query: v.object({ token: v.optional(v.pipe(v.string(), v.maxLength(512))) }),
  async handler({ c, query }) {
    return c.html(<InvitePage fragment={false} token={query.token} />);
  },
});
