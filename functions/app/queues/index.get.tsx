import { listContext } from '#lib/agent-app/list-context.ts';
import { queueCounts } from '#lib/agent-app/queue-list.ts';
import { freshHref } from '#lib/agent-app/queue-fresh.ts';
import { nextPageHref, queueQuery } from '#lib/agent-app/queue-query.ts';
import { layoutUser } from '#lib/pages/layout-user.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { listTeams } from '#lib/teams/team.ts';
import { loadCustomFields } from '#lib/custom-fields/values.ts';
import { listTickets } from '#lib/tickets/list.ts';
import { viewCount } from '#lib/tickets/view-count.ts';
import { listerOf } from '#lib/tickets/view-json.ts';
import { FilterForm } from '#views/queue/filter-form.tsx';
import { SaveViewForm } from '#views/queue/save-view-form.tsx';
import { QueuePage } from '#views/queue/queue-page.tsx';

/**
 * GET /app/queues?status=&priority=&assignee=me|none|id&team=&tag=&requester=email&q=&cf.<key>=
 * &created_from=&created_to=&updated_from=&updated_to=(YYYY-MM-DD, org zone)&sort= — a queue
 * filtered in the URL (unsolved tickets when no status is given), with the side list of queues and views.
 */
export default endpoint({
  auth: { permission: 'tickets.read_all' },
  page: 'person',
  async handler({ c, db, caller: member }) {
    const raw = c.req.query();
    const lc = await listContext(db);
    // No status asked for at all (a bare link, not "Any" chosen in the form): the unsolved queue.
    const q = await queueQuery(db, 'status' in raw ? raw : { status: 'unsolved', ...raw }, lc.zone);
    const who = listerOf(member);
    const page = await listTickets(db, who, q.filters, q.cf);
    const count = await viewCount(db, who, q.filters, q.cf);
    const side = await queueCounts(db, member);
    const teams = await listTeams(db);
    // Sharing a view with a team takes a lead or above (lib/tickets/saved-views.ts).
    const shareable = ['lead', 'admin', 'owner'].includes(member.role) ? teams : [];
    const controls = (
      <>
        <FilterForm form={q.form} staff={lc.staff} teams={teams} fields={await loadCustomFields(db)} />
        <SaveViewForm teams={shareable} />
      </>
    );
    const href = `/app/queues?${q.search}`;
    return c.html(
      <QueuePage
        user={await layoutUser(db, member)}
        title={side.builtins.find((b) => b.href === href)?.label ?? 'Tickets'}
        count={count}
        controls={controls}
        items={page.items}
        moreHref={nextPageHref('/app/queues/rows', q.search, page.next_cursor)}
        ctx={{ staff: lc.staffNames, zone: lc.zone, selectable: true }}
        staff={lc.staff}
        builtins={side.builtins}
        views={side.views}
        current={href}
        freshHref={freshHref('/app/queues/fresh', q.search, page.items.map((t) => t.number))}
      />,
    );
  },
});
