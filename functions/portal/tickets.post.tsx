import { pageRedirect } from '#lib/http/page-redirect.ts';
import { loadCustomFields } from '#lib/custom-fields/values.ts';
import { openRequestFromForm } from '#lib/portal/new-request-form.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { NewTicketForm } from '#views/portal/new-ticket.tsx';

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
    const done = await openRequestFromForm(db, caller, fields, formFields, upload && { upload, deps: c.var.deps });
    if (!done.ok) return c.html(<NewTicketForm fields={fields} maxMb={maxMb} state={{ errors: done.errors, values: formFields }} error={done.message} />, done.status);
    return pageRedirect(c, `/portal/tickets/${done.value}`);
  },
});
