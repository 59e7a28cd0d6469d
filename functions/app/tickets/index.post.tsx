import * as v from 'valibot';
import { attempt } from '#lib/pages/form-errors.ts';
import { email } from '#lib/http/schemas.ts';
import { fieldErrors, firstSegmentOr } from '#lib/http/schema-issues.ts';
import { pageRedirect } from '#lib/http/page-redirect.ts';
import { customFieldValues } from '#lib/custom-fields/form-values.ts';
import { createTicket } from '#lib/tickets/create.ts';
import { messageBody } from '#lib/tickets/message-body.ts';
import { priority, tag, ticketType } from '#lib/tickets/model.ts';
import { newTicketChoices } from '#lib/tickets/new-ticket-choices.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { NewTicketForm } from '#views/ticket/new-ticket-page.tsx';

const optional = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : s);
const Form = v.object({
  requester_email: v.pipe(v.optional(v.string(), ''), v.check((s) => s.trim() !== '', 'Who is the ticket for? Give their email address'), email),
  requester_name: v.pipe(v.optional(v.string()), v.transform(optional), v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200, 'must be at most 200 characters')))),
  subject: v.pipe(v.optional(v.string(), ''), v.trim(), v.minLength(1, 'Say in a few words what it is about'), v.maxLength(500, 'must be at most 500 characters')),
  body: v.pipe(v.optional(v.string(), ''), v.check((s) => s.trim() !== '', 'Describe the request'), v.maxLength(60_000, 'must be at most 60,000 characters')),
  priority: v.optional(priority),
  type: v.optional(ticketType),
  assignee_id: v.pipe(v.optional(v.string()), v.transform(optional)),
  team_id: v.pipe(v.optional(v.string()), v.transform(optional)),
  tags: v.pipe(v.optional(v.string(), ''), v.transform((s) => s.split(',').map((t) => t.trim()).filter(Boolean)), v.array(tag), v.maxLength(50, 'at most 50 tags')),
});

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
    const refuse = (status: number, errors: Record<string, string>, error?: string) =>
      c.html(<NewTicketForm {...choices} state={{ errors, values: formFields }} error={error} />, status as 400);
    const checked = v.safeParse(Form, formFields);
    const errors = checked.success ? {} : fieldErrors(checked.issues, firstSegmentOr('subject'));
    const input = checked.success ? checked.output : undefined;
    if (input?.assignee_id && !choices.assignees.some((a) => a.id === input.assignee_id)) errors.assignee_id = 'Choose one of the people listed';
    if (input?.team_id && !choices.teams.some((t) => t.id === input.team_id)) errors.team_id = 'Choose one of the teams listed';
    if (!input || Object.keys(errors).length) return refuse(400, errors);
    const done = await attempt(
      db,
      async (sp) => {
        const ticket = await createTicket(sp, me, {
          subject: input.subject,
          body: messageBody({ body: input.body }),
          requester: { email: input.requester_email, name: input.requester_name },
          priority: input.priority,
          type: input.type,
          assignee_id: input.assignee_id,
          team_id: input.team_id,
          tags: input.tags,
          custom_fields: customFieldValues(choices.fields, formFields),
          channel: 'web',
          file: upload && { upload, deps: c.var.deps },
        });
        return Number(ticket.number);
      },
      { invalid_assignee: 'assignee_id', unsupported_file_type: 'file', payload_too_large: 'file', quota_exceeded: 'file' },
    );
    if (!done.ok) return refuse(done.status, done.errors, done.message);
    return pageRedirect(c, `/app/tickets/${done.value}`);
  },
});
