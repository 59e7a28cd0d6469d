import { loadDashboard } from '#lib/agent-app/dashboard.ts';
import { listContext } from '#lib/agent-app/list-context.ts';
import { layoutUser } from '#lib/pages/layout-user.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { AppHome } from '#views/app-home.tsx';
import { DashboardPage } from '#views/dashboard/dashboard-page.tsx';

/**
 * GET /app — for staff, the dashboard: their unsolved tickets, the unassigned ones and today's
 * volume. Customers never get here (functions/app/_middleware.ts sends them to the portal);
 * should one, they get the plain home page, never the staff lists.
 */
export default endpoint({
  auth: 'signed-in',
  async handler({ c, db, caller }) {
    const user = await layoutUser(db, caller);
    if (caller.role === 'customer') return c.html(<AppHome user={user} />);
    const { staffNames, zone } = await listContext(db);
    const data = await loadDashboard(db, caller.userId, zone);
    return c.html(<DashboardPage user={user} data={data} ctx={{ staff: staffNames, selectable: false }} />);
  },
});
