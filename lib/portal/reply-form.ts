import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as v from 'valibot';
import { maxCharsForPeople } from '#lib/http/validation-messages.ts';
import type { MessageFile } from '#lib/attachments/message-file.ts';
import type { MemberCaller } from '#lib/auth/caller.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import { attempt } from '#lib/pages/form-errors.ts';
import { messageBody } from '#lib/tickets/message-body.ts';
import { findTicket } from '#lib/tickets/read.ts';
import { addMessage } from '#lib/tickets/reply.ts';
import { writeRefusal } from '#lib/tickets/requester-only.ts';
import { t } from '#lib/i18n/translate.ts';

// The messages are functions: they are shown beside the reply field, in the customer's language at the time of the post.
const Form = v.object({
  body: v.pipe(
    v.optional(v.string(), ''),
    v.check(
      (s) => s.trim() !== '',
      () => t('validation.portal.reply'),
    ),
    v.maxLength(60_000, maxCharsForPeople(60_000)),
  ),
});

/**
 * What the reply comes to: a follow-up request it opened (the ticket was closed), or the status
 * and what the conversation shows with it: `errors` beside the form's fields (what was typed is
 * then shown again), a `notice`, or an `error` for the page as a whole.
 */
export type PortalReplyOutcome = { followUp: number } | { followUp?: undefined; status: ContentfulStatusCode; errors?: Record<string, string>; notice?: string; error?: string | undefined };

/**
 * A customer's reply from the portal (text and an optional file), as POST
 * /api/v1/tickets/:number/messages makes it. A colleague's request, shared through the company,
 * is read-only: 403, nothing kept. An empty or overlong message is a 400; addMessage's own
 * refusals (413, 415, 422) come back beside their field. Another org's number is a 404 (thrown).
 *
 * @example
 * const done = await replyFromPortal(db, caller, 42, formFields, upload && { upload, deps: c.var.deps });
 * if (done.followUp) return pageRedirect(c, `/portal/tickets/${done.followUp}`);
 */
export async function replyFromPortal(tx: TransactionSql, caller: MemberCaller, number: number, formFields: Record<string, string>, file: MessageFile | undefined): Promise<PortalReplyOutcome> {
  const refused = writeRefusal(caller, await findTicket(tx, number));
  if (refused) return { status: refused.status as ContentfulStatusCode, error: refused.message };
  const checked = v.safeParse(Form, formFields);
  if (!checked.success) return { status: 400, errors: { body: checked.issues[0]!.message } };
  const done = await attempt(tx, async (sp) => (await addMessage(sp, caller, number, { body: messageBody({ body: checked.output.body }), internal: false, channel: 'portal', file })).followUp, {
    unsupported_media_type: 'file',
    payload_too_large: 'file',
    quota_exceeded: 'file',
  });
  if (!done.ok) return { status: done.status, errors: done.errors, error: done.message };
  if (done.value) return { followUp: done.value };
  return { status: 200, notice: t('portal.ticket.reply_sent') };
}
