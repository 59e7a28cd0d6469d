import { endpoint } from '#lib/router/endpoint.ts';

/** GET / — the agent app for a signed-in member, the sign-in page for everyone else. */
export default endpoint({
  auth: 'public',
  transaction: false,
  async handler({ c, caller }) {
    return c.redirect(caller.kind === 'member' ? '/app' : '/login', 302);
  },
});
