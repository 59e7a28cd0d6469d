import { pageRedirect } from '#lib/http/page-redirect.ts';
import { newTicketChoices } from '#lib/tickets/new-ticket-choices.ts';
import { openTicketFromForm } from '#lib/tickets/new-ticket-form.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { NewTicketForm } from '#views/ticket/new-ticket-page.tsx';

/**
 * POST /app/tickets — an agent opens a ticket for a customer (multipart: requester, subject,
 * body, priority, type, assignee, team, tags, `cf_<key>` custom fields, an optional `file` filed
 * with the first message), through the same library calls as POST /api/v1/tickets; then the
 * browser goes to the new ticket. A refusal re-renders the form with the message beside the
 * field (400, 413, 415, 422), and nothing is kept. An assignee or team that is not this org's
 * is refused like an unknown one.
 */
export default endpoint({
  auth: { permission: 'tickets.create' },
  page: 'staff',
  upload: { field: 'file', form: true },
  async handler({ c, db, caller: me, formFields, upload }) {
    const choices = await newTicketChoices(db, c.var.deps);
    const done = await openTicketFromForm(db, me, choices, formFields, upload && { upload, deps: c.var.deps });
    if (!done.ok) return c.html(<NewTicketForm {...choices} state={{ errors: done.errors, values: formFields }} error={done.message} />, done.status);
    return pageRedirect(c, `/app/tickets/${done.value}`);
  },
});
