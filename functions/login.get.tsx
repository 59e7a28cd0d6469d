import * as v from 'valibot';
import { localPath } from '#lib/http/page-redirect.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { LOGIN_NOTICES, LoginPage, type LoginNotice } from '#views/login-page.tsx';

/**
 * GET /login — the sign-in page. `next` is where to go afterwards and is dropped unless it is
 * a path on this site; `org` pre-fills the organization; `notice` picks one of a few fixed
 * messages (never text from the URL).
 */
export default endpoint({
  auth: 'public',
  transaction: false,
  query: v.object({
    next: v.optional(v.string()),
    org: v.optional(v.pipe(v.string(), v.maxLength(63))),
    notice: v.optional(v.string()),
  }),
  async handler({ c, query }) {
    const notice = query.notice && Object.hasOwn(LOGIN_NOTICES, query.notice) ? (query.notice as LoginNotice) : undefined;
    return c.html(<LoginPage next={localPath(query.next)} org={query.org} notice={notice} />);
  },
});
