import { ticketNumberParams } from '#lib/tickets/model.ts';
import { sidebarVersion } from '#lib/tickets/sidebar-version.ts';
import { loadSidebar } from '#lib/tickets/ticket-page.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { PropertiesBody } from '#views/ticket/properties.tsx';

/**
 * GET /app/tickets/:number/properties — the properties sidebar, re-fetched on live events. With
 * `X-Sidebar-Version` (what the page shows, lib/tickets/sidebar-version.ts) and nothing changed
 * since: 204, and the page keeps its sidebar as it is.
 */
export default endpoint({
  auth: { permission: 'tickets.read_all' },
  page: 'staff',
  params: ticketNumberParams,
  async handler({ c, db, params }) {
    const sidebar = await loadSidebar(db, params.number);
    if (c.req.header('x-sidebar-version') === sidebarVersion(sidebar)) return c.body(null, 204);
    return c.html(<PropertiesBody {...sidebar} />);
  },
});
