import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as v from 'valibot';
import { maxCharsForPeople } from '#lib/http/validation-messages.ts';
import type { MessageFile } from '#lib/attachments/message-file.ts';
import type { MemberCaller } from '#lib/auth/caller.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import { customFieldValues } from '#lib/custom-fields/form-values.ts';
import type { CustomFieldDef } from '#lib/custom-fields/values.ts';
import { fieldErrors, pathOr } from '#lib/http/schema-issues.ts';
import { attempt } from '#lib/pages/form-errors.ts';
import { createTicket } from '#lib/tickets/create.ts';
import { messageBody } from '#lib/tickets/message-body.ts';
import { t } from '#lib/i18n/translate.ts';

// The messages are functions: they are shown beside the portal's fields, in the customer's language at the time of the post.
const Form = v.object({
  subject: v.pipe(
    v.string(),
    v.trim(),
    v.minLength(1, () => t('validation.portal.subject')),
    v.maxLength(500, maxCharsForPeople(500)),
  ),
  body: v.pipe(
    v.string(),
    v.check(
      (s) => s.trim() !== '',
      () => t('validation.portal.body'),
    ),
    v.maxLength(60_000, maxCharsForPeople(60_000)),
  ),
});

/** What the form comes to: the new request's number, or the status and messages to show the form again with. */
export type NewRequestOutcome = { ok: true; value: number } | { ok: false; status: ContentfulStatusCode; errors: Record<string, string>; message: string | undefined };

/**
 * Opens the request the portal's form describes (subject, body, `cf_<key>` custom fields among
 * the customer-visible `fields`, an optional file for the first message), through createTicket
 * as POST /api/v1/tickets does. A refused field is a 400 with the message beside it; createTicket's
 * own refusals (413, 415, 422) come back the same way, and nothing is kept.
 *
 * @example
 * const done = await openRequestFromForm(db, caller, fields, formFields, upload && { upload, deps: c.var.deps });
 * if (done.ok) return pageRedirect(c, `/portal/tickets/${done.value}`);
 */
export async function openRequestFromForm(
  tx: TransactionSql,
  caller: MemberCaller,
  fields: readonly CustomFieldDef[],
  formFields: Record<string, string>,
  file: MessageFile | undefined,
): Promise<NewRequestOutcome> {
  const checked = v.safeParse(Form, formFields);
  if (!checked.success) return { ok: false, status: 400, errors: fieldErrors(checked.issues, pathOr('subject')), message: undefined };
  return attempt(
    tx,
    async (sp) => {
      const input = { subject: checked.output.subject, body: messageBody({ body: checked.output.body }), custom_fields: customFieldValues(fields, formFields), channel: 'portal' as const };
      const ticket = await createTicket(sp, caller, { ...input, file });
      return Number(ticket.number);
    },
    { unsupported_media_type: 'file', payload_too_large: 'file', quota_exceeded: 'file' },
  );
}
