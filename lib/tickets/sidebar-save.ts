import type { Context } from 'hono';
import * as v from 'valibot';
import type { MemberCaller } from '#lib/auth/caller.ts';
import { customFieldsFromForm } from '#lib/custom-fields/sidebar-form.ts';
import { loadCustomFields } from '#lib/custom-fields/values.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import { readFormFields } from '#lib/http/form-body.ts';
import { t } from '#lib/i18n/translate.ts';
import { issueDetails } from '#lib/http/schema-issues.ts';
import { uuid } from '#lib/http/schemas.ts';
import { refusal } from '#lib/pages/form-errors.ts';
import { priority, status, tagList, ticketType } from './model.ts';
import { loadSidebar, type SidebarData } from './ticket-page.ts';
import { updateTicket, type TicketPatch } from './update.ts';

const optionalId = v.optional(
  v.pipe(
    v.string(),
    v.transform((s) => (s === '' ? null : s)),
    v.nullable(uuid),
  ),
);
const Form = v.object({
  status: v.optional(status),
  priority: v.optional(priority),
  type: v.optional(ticketType),
  assignee_id: optionalId,
  team_id: optionalId,
  tags: v.optional(tagList),
});

/** What saving the sidebar comes to: the sidebar as it now is, and why nothing was saved when it was not. */
export type SidebarSave = { sidebar: SidebarData } & ({ ok: true } | { ok: false; error: string });

/**
 * Saves the fields the ticket sidebar's form posted (the Solve button sends only `status`;
 * custom fields as `cf.<key>`) through updateTicket, in a savepoint, so transitions and required
 * fields are checked as in the API. A field the form's schema refuses, or updateTicket's refusal,
 * is the reason in one sentence, with the ticket as it still is; the ticket itself gone (404) is
 * thrown, for the error page.
 *
 * @example
 * const saved = await saveSidebarForm(c, db, caller, 42);
 * return c.html(<PropertiesBody {...saved.sidebar} error={saved.ok ? undefined : saved.error} />);
 */
export async function saveSidebarForm(c: Context, tx: TransactionSql, caller: MemberCaller, number: number): Promise<SidebarSave> {
  const form = await readFormFields(c);
  const parsed = v.safeParse(Form, form);
  if (!parsed.success) {
    const first = issueDetails(parsed.issues)[0]!;
    return { ok: false, error: t('ticket.properties.field_refused', { field: first.path || t('ticket.properties.some_field'), reason: first.message }), sidebar: await loadSidebar(tx, number) };
  }
  const patch: TicketPatch = { ...parsed.output, custom_fields: customFieldsFromForm(await loadCustomFields(tx), form) };
  try {
    const row = await tx.savepoint((sp) => updateTicket(sp, caller, number, patch));
    return { ok: true, sidebar: await loadSidebar(tx, number, row) };
  } catch (err) {
    const refused = refusal(err);
    // A 404 is the ticket itself gone: the error page says so.
    if (refused.status === 404) throw err;
    return { ok: false, error: refused.reason, sidebar: await loadSidebar(tx, number) };
  }
}
