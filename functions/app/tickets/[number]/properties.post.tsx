import * as v from 'valibot';
import { readFormFields } from '#lib/http/form-body.ts';
import { issueDetails } from '#lib/http/schema-issues.ts';
import { ticketNumberParams, priority, status, tag, ticketType } from '#lib/tickets/model.ts';
import { loadCustomFields } from '#lib/custom-fields/values.ts';
import { loadSidebar } from '#lib/tickets/ticket-page.ts';
import { updateTicket, type TicketPatch } from '#lib/tickets/update.ts';
import { uuid } from '#lib/http/schemas.ts';
import { refusal } from '#lib/pages/form-errors.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { customFieldsFromForm } from '#views/ticket/custom-field-input.tsx';
import { PropertiesBody } from '#views/ticket/properties.tsx';

const optionalId = v.optional(v.pipe(v.string(), v.transform((s) => (s === '' ? null : s)), v.nullable(uuid)));
const Form = v.object({
  status: v.optional(status),
  priority: v.optional(priority),
  type: v.optional(ticketType),
  assignee_id: optionalId,
  team_id: optionalId,
  tags: v.optional(
    v.pipe(
      v.string(),
      v.transform((s) => s.split(',').map((t) => t.trim()).filter(Boolean)),
      v.array(tag),
      v.maxLength(50, 'at most 50 tags'),
    ),
  ),
});

/**
 * POST /app/tickets/:number/properties — saves the sidebar's fields that the form holds (the
 * Solve button sends only `status`), through updateTicket, so transitions and required fields
 * are checked as in the API. Answers the sidebar: "Saved.", or 422 with the reason and the
 * ticket as it still is.
 */
export default endpoint({
  auth: { permission: 'tickets.write' },
  page: 'staff',
  params: ticketNumberParams,
  async handler({ c, db, caller, params }) {
    const form = await readFormFields(c);
    const parsed = v.safeParse(Form, form);
    if (!parsed.success) {
      const first = issueDetails(parsed.issues)[0]!;
      return c.html(<PropertiesBody {...await loadSidebar(db, params.number)} error={`${first.path || 'A field'} ${first.message}`} />, 422);
    }
    const patch: TicketPatch = { ...parsed.output, custom_fields: customFieldsFromForm(await loadCustomFields(db), form) };
    try {
      const row = await db.savepoint((sp) => updateTicket(sp, caller, params.number, patch));
      return c.html(<PropertiesBody {...await loadSidebar(db, params.number, row)} notice="Saved." />);
    } catch (err) {
      const refused = refusal(err);
      // A 404 is the ticket itself gone: the error page says so.
      if (refused.status === 404) throw err;
      return c.html(<PropertiesBody {...await loadSidebar(db, params.number)} error={refused.reason} />, 422);
    }
  },
});
