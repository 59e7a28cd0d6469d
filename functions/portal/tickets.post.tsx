import * as v from 'valibot';
import { attempt } from '#lib/pages/form-errors.ts';
import { pageRedirect } from '#lib/http/page-redirect.ts';
import { fieldErrors, pathOr } from '#lib/http/schema-issues.ts';
import { customFieldValues } from '#lib/custom-fields/form-values.ts';
import { createTicket } from '#lib/tickets/create.ts';
import { loadCustomFields } from '#lib/custom-fields/values.ts';
import { messageBody } from '#lib/tickets/message-body.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { NewTicketForm } from '#views/portal/new-ticket.tsx';

const Form = v.object({
  subject: v.pipe(v.string(), v.trim(), v.minLength(1, 'Tell us in a few words what you need'), v.maxLength(500, 'must be at most 500 characters')),
  body: v.pipe(v.string(), v.check((s) => s.trim() !== '', 'Describe your request'), v.maxLength(60_000, 'must be at most 60,000 characters')),
});

/**
 * POST /portal/tickets — a customer opens a request (multipart: subject, body, `cf_<key>` custom
 * fields, an optional `file` attached to the first message), through the same library calls as
 * POST /api/v1/tickets and its attachments; then the browser goes to the new request's page.
 * A refusal re-renders the form with the message beside the field, and nothing is kept.
 */
export default endpoint({
  auth: { permission: 'tickets.create' },
  page: 'person',
  upload: { field: 'file', form: true },
  async handler({ c, db, caller, formFields, upload }) {
    const fields = (await loadCustomFields(db)).filter((f) => f.visible_to_customers);
    const maxMb = Math.floor(c.var.deps.config.attachmentMaxBytes / (1024 * 1024));
    const refuse = (status: number, errors: Record<string, string>, error?: string) =>
      c.html(<NewTicketForm fields={fields} maxMb={maxMb} state={{ errors, values: formFields }} error={error} />, status as 400);
    const checked = v.safeParse(Form, formFields);
    if (!checked.success) return refuse(400, fieldErrors(checked.issues, pathOr('subject')));
    const done = await attempt(
      db,
      async (sp) => {
        const input = { subject: checked.output.subject, body: messageBody({ body: checked.output.body }), custom_fields: customFieldValues(fields, formFields), channel: 'portal' as const };
        const ticket = await createTicket(sp, caller, { ...input, file: upload && { upload, deps: c.var.deps } });
        return Number(ticket.number);
      },
      { unsupported_file_type: 'file', payload_too_large: 'file', quota_exceeded: 'file' },
    );
    if (!done.ok) return refuse(done.status, done.errors, done.message);
    return pageRedirect(c, `/portal/tickets/${done.value}`);
  },
});
