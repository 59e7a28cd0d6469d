import { ticketNumberParams } from '../../../../lib/tickets/model.ts';
import { loadSidebar, staffMember } from '../../../../lib/tickets/ticket-page.ts';
import { endpoint } from '../../../../lib/router/endpoint.ts';
import { PropertiesBody } from '../../../../views/ticket/properties.tsx';

/** GET /app/tickets/:number/properties — the properties sidebar, re-fetched on live events. */
export default endpoint({
  auth: { permission: 'tickets.read_all' },
  params: ticketNumberParams,
  async handler({ c, db, caller, params }) {
    staffMember(caller);
    return c.html(<PropertiesBody {...await loadSidebar(db, params.number)} />);
  },
});
