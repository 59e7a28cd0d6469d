import * as v from 'valibot';
import { orgTimeZone } from '#lib/time/org-time-zone.ts';
import { queueQuery } from '#lib/agent-app/queue-query.ts';
import { HttpError } from '#lib/http/errors.ts';
import { t } from '#lib/i18n/translate.ts';
import { readFormFields } from '#lib/http/form-body.ts';
import { pageRedirect } from '#lib/http/page-redirect.ts';
import { uuid } from '#lib/http/schemas.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { createView, viewName } from '#lib/tickets/saved-views.ts';
import { SaveViewError } from '#views/queue/save-view-form.tsx';

const Names = v.object({ view_name: viewName, view_team: v.optional(v.union([v.literal(''), uuid], () => t('validation.ticket.view_team'))) });

/**
 * POST /app/queues/views — the queue's filter form (`status`, `priority`, … `cf.<key>`, `sort`)
 * with `view_name` and optionally `view_team`: saves those filters as a view and opens it. A
 * bad name, filters that would not run, or a team one may not share with answer 4xx with the
 * reason as a fragment, and nothing is saved.
 */
export default endpoint({
  auth: { permission: 'tickets.read_all' },
  page: 'person',
  async handler({ c, db, caller: member }) {
    const fields = await readFormFields(c);
    const names = v.safeParse(Names, fields);
    if (!names.success) return c.html(<SaveViewError message={t('queue.save_view.name_problem', { problem: names.issues[0].message })} />, 400);
    try {
      const q = await queueQuery(db, fields, await orgTimeZone(db));
      const view = await createView(db, member, { name: names.output.view_name, team_id: names.output.view_team || undefined, ...q.view, position: 0 });
      return pageRedirect(c, `/app/queues/${view.id}`);
    } catch (err) {
      if (err instanceof HttpError && err.status < 500) return c.html(<SaveViewError message={err.message} />, err.status as 400);
      throw err;
    }
  },
});
