import * as v from 'valibot';
import { endpoint } from '../lib/router/endpoint.ts';
import { LoginPage } from '../views/login-page.tsx';

/** GET /login — the sign-in page. `next` must be a local path, never another site. */
export default endpoint({
  auth: 'public',
  transaction: false,
  query: v.object({ next: v.optional(v.pipe(v.string(), v.regex(/^\/(?![/\\])/, 'must be a local path'))) }),
  async handler({ c, query }) {
    return c.html(<LoginPage next={query.next} />);
  },
});
