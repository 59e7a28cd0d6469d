import * as v from 'valibot';
import { endpoint } from '#lib/router/endpoint.ts';
import { ResetPage } from '#views/reset-page.tsx';

/** GET /reset?token= — the page a password reset email links to. */
export default endpoint({
  auth: 'public',
  transaction: false,
  query: v.object({ token: v.optional(v.pipe(v.string(), v.maxLength(512))) }),
  async handler({ c, query }) {
    return c.html(<ResetPage fragment={false} token={query.token} />);
  },
});
