import { filteredQueuePage } from '#lib/agent-app/queue-page.ts';
import { endpoint } from '#lib/router/endpoint.ts';
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
  async handler({ c, db, caller }) {
    const q = await filteredQueuePage(db, caller, c.req.query());
    const controls = (
      <>
        <FilterForm form={q.form} staff={q.page.staff} teams={q.teams} fields={q.fields} />
        <SaveViewForm teams={q.shareableTeams} />
      </>
    );
    return c.html(<QueuePage {...q.page} controls={controls} />);
  },
});
