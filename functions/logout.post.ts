import { clearSessionCookies, cookieNames, readSessionCookies } from '#lib/auth/cookies.ts';
import { logout } from '#lib/auth/logout.ts';
import { pageRedirect } from '#lib/http/page-redirect.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/**
 * POST /logout — the top bar's Sign out: ends the cookie session (the access cookie's, or the
 * refresh cookie's when that is all that is left), records it, clears both cookies and sends
 * the browser to the sign-in page. Signing out twice, or when not signed in, is fine.
 */
export default endpoint({
  auth: 'public',
  transaction: false,
  async handler({ c, caller }) {
    const names = cookieNames(c.var.deps.config.publicUrl);
    // Only the cookie's own session: a bearer token sent to the page form is not signed out here.
    const cookieCaller = caller.kind === 'member' && caller.via === 'cookie' ? caller : { kind: 'anonymous' as const };
    await logout(c.var.deps.unscoped, cookieCaller, readSessionCookies(c, names).refresh, c.var.clientIp);
    clearSessionCookies(c, names);
    return pageRedirect(c, '/login');
  },
});
