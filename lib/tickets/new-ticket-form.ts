import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as v from 'valibot';
import { maxCharsForPeople } from '#lib/http/validation-messages.ts';
import type { MessageFile } from '#lib/attachments/message-file.ts';
import type { MemberCaller } from '#lib/auth/caller.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import { customFieldValues } from '#lib/custom-fields/form-values.ts';
import { email } from '#lib/http/schemas.ts';
import { t } from '#lib/i18n/translate.ts';
import { fieldErrors, firstSegmentOr } from '#lib/http/schema-issues.ts';
import { attempt } from '#lib/pages/form-errors.ts';
import { createTicket } from './create.ts';
import { messageBody } from './message-body.ts';
import { priority, tagList, ticketType } from './model.ts';
import type { NewTicketChoices } from './new-ticket-choices.ts';

const optional = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : s);
const Form = v.object({
  requester_email: v.pipe(
    v.optional(v.string(), ''),
    v.check(
      (s) => s.trim() !== '',
      () => t('validation.ticket.requester'),
    ),
    email,
  ),
  requester_name: v.pipe(v.optional(v.string()), v.transform(optional), v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200, maxCharsForPeople(200))))),
  subject: v.pipe(
    v.optional(v.string(), ''),
    v.trim(),
    v.minLength(1, () => t('validation.ticket.subject')),
    v.maxLength(500, maxCharsForPeople(500)),
  ),
  body: v.pipe(
    v.optional(v.string(), ''),
    v.check(
      (s) => s.trim() !== '',
      () => t('validation.ticket.body'),
    ),
    v.maxLength(60_000, maxCharsForPeople(60_000)),
  ),
  priority: v.optional(priority),
  type: v.optional(ticketType),
  assignee_id: v.pipe(v.optional(v.string()), v.transform(optional)),
  team_id: v.pipe(v.optional(v.string()), v.transform(optional)),
  tags: v.optional(tagList, ''),
});

/** createTicket's refusals that belong beside one field of the form. */
const FIELD_FOR = { invalid_assignee: 'assignee_id', unsupported_media_type: 'file', payload_too_large: 'file', quota_exceeded: 'file' };

/** What the form comes to: the new ticket's number, or the status and messages to show the form again with. */
export type NewTicketOutcome = { ok: true; value: number } | { ok: false; status: ContentfulStatusCode; errors: Record<string, string>; message: string | undefined };

/**
 * Opens the ticket the agents' new-ticket form describes (its text fields, `cf_<key>` custom
 * fields, an optional file for the first message), through createTicket as POST /api/v1/tickets
 * does. An assignee or team not among `choices` (this org's) is refused like an unknown one:
 * 400 with the message beside the field, as any field the form's schema refuses; createTicket's
 * own refusals (400, 413, 415, 422) come back the same way, and nothing is kept.
 *
 * @example
 * const done = await openTicketFromForm(db, caller, choices, formFields, upload && { upload, deps: c.var.deps });
 * if (done.ok) return pageRedirect(c, `/app/tickets/${done.value}`);
 */
export async function openTicketFromForm(
  tx: TransactionSql,
  me: MemberCaller,
  choices: NewTicketChoices,
  formFields: Record<string, string>,
  file: MessageFile | undefined,
): Promise<NewTicketOutcome> {
  const checked = v.safeParse(Form, formFields);
  const errors = checked.success ? {} : fieldErrors(checked.issues, firstSegmentOr('subject'));
  const input = checked.success ? checked.output : undefined;
  if (input?.assignee_id && !choices.assignees.some((a) => a.id === input.assignee_id)) errors.assignee_id = t('ticket.new.unknown_assignee');
  if (input?.team_id && !choices.teams.some((t) => t.id === input.team_id)) errors.team_id = t('ticket.new.unknown_team');
  if (!input || Object.keys(errors).length) return { ok: false, status: 400, errors, message: undefined };
  return attempt(
    tx,
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
        file,
      });
      return Number(ticket.number);
    },
    FIELD_FOR,
  );
}
