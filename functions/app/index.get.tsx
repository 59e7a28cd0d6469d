import { endpoint } from '../../lib/router/endpoint.ts';
import { AppHome } from '../../views/app-home.tsx';

/** GET /app — the agent app's home page. */
export default endpoint({
  auth: 'signed-in',
  async handler({ c, db, caller }) {
    const [row] = await db`select o.name, u.email from organizations o, users u where u.id = ${caller.userId}`;
    return c.html(<AppHome orgName={row?.name ?? ''} email={row?.email ?? ''} role={caller.role} />);
  },
});
