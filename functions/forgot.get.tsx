import * as v from 'valibot';
import { endpoint } from '#lib/router/endpoint.ts';
import { ForgotPage } from '#views/forgot-page.tsx';

/** GET /forgot — asks for the organization and email to send a password reset link to. */
export default endpoint({
  auth: 'public',
  transaction: false,
  query: v.object({ org: v.optional(v.pipe(v.string(), v.maxLength(63))) }),
  async handler({ c, query }) {
    return c.html(<ForgotPage fragment={false} org={query.org} />);
  },
});
