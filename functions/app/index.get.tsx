import { layoutUser } from '../../lib/http/layout-user.ts';
import { endpoint } from '../../lib/router/endpoint.ts';
import { AppHome } from '../../views/app-home.tsx';

/** GET /app — the agent app's home page. */
export default endpoint({
  auth: 'signed-in',
  async handler({ c, db, caller }) {
    return c.html(<AppHome user={await layoutUser(db, caller)} />);
  },
});
