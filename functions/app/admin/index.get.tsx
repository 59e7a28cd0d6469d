import { layoutUser } from '#lib/pages/layout-user.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { AdminOverview } from '#views/admin/overview.tsx';

/** GET /app/admin — the admin pages, for the roles that may change settings. */
export default endpoint({
  auth: { permission: 'settings.manage' },
  page: 'person',
  async handler({ c, db, caller }) {
    return c.html(<AdminOverview user={await layoutUser(db, caller)} />);
  },
});
