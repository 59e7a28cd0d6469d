import * as v from 'valibot';
import { layoutUser } from '#lib/pages/layout-user.ts';
import { listPresence } from '#lib/live/presence.ts';
import { ticketHistory } from '#lib/tickets/history.ts';
import { ticketNumberParams } from '#lib/tickets/model.ts';
import { composerMacros, loadSidebar, namesOf } from '#lib/tickets/ticket-page.ts';
import { readThread } from '#lib/tickets/thread.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { TicketPage } from '#views/ticket/page.tsx';

/** GET /app/tickets/:number — the ticket page (`?tab=history` opens the history); another org's number is 404. */
export default endpoint({
  auth: { permission: 'tickets.read_all' },
  page: 'staff',
  params: ticketNumberParams,
  query: v.object({ tab: v.optional(v.picklist(['conversation', 'history']), 'conversation') }),
  async handler({ c, db, caller: me, params, query }) {
    const sidebar = await loadSidebar(db, params.number);
    const page = (
      <TicketPage
        user={await layoutUser(db, me)}
        sidebar={sidebar}
        tab={query.tab}
        thread={query.tab === 'conversation' ? await readThread(db, params.number) : []}
        history={query.tab === 'history' ? await ticketHistory(db, params.number, { after: null, limit: 500 }) : []}
        names={namesOf(sidebar)}
        macros={await composerMacros(db)}
        others={await listPresence(c.var.deps.kv, me.orgId, params.number, me.userId)}
      />
    );
    return c.html(page);
  },
});
