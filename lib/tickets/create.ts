import { fileUnderMessage, type MessageFile } from '#lib/attachments/message-file.ts';
import type { ApiKeyCaller, MemberCaller } from '#lib/auth/caller.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import { HttpError } from '#lib/http/errors.ts';
import { customerVisibleKeys, parseCustomFields } from '#lib/custom-fields/values.ts';
import type { MessageBody } from './message-body.ts';
import { recomputeSla } from '#lib/sla/apply.ts';
import { nextRoundRobinAssignee } from './round-robin.ts';
import { assertAssignable } from '#lib/staff/assignable.ts';
import { TICKET_COLUMNS, type TicketRow } from './model.ts';
import { t } from '#lib/i18n/translate.ts';

export interface NewTicket {
  subject: string;
  body: MessageBody;
  priority?: string | undefined;
  type?: string | undefined;
  status?: string | undefined;
  /** Someone the org may not know yet; `locale` is the language to write to them in when they are new. */
  requester?: { email: string; name?: string | undefined; locale?: string | null | undefined } | undefined;
  assignee_id?: string | undefined;
  team_id?: string | undefined;
  tags?: string[] | undefined;
  custom_fields?: Record<string, unknown> | undefined;
  channel: 'web' | 'portal' | 'email' | 'api';
  follow_up_of?: number | undefined;
  /** A number taken beforehand by takeTicketNumber (lib/tickets/ticket-number.ts); else one is taken here. */
  number?: string | undefined;
  /** A file filed under the first message. */
  file?: MessageFile | undefined;
}

/**
 * Opens a ticket with its first message. Staff and API keys may name a requester by email (a
 * new person becomes a customer of the org) and set every field; a customer opens tickets for
 * themselves with the customer-visible fields only. A team with round-robin assigns itself.
 * A `file` goes under the first message, refused (415, 413) with the whole ticket.
 *
 * @example
 * const ticket = await createTicket(db, caller, { subject, body: messageBody({ body }), channel: 'api' });
 */
export async function createTicket(tx: TransactionSql, caller: MemberCaller | ApiKeyCaller, input: NewTicket): Promise<TicketRow> {
  const isCustomer = caller.kind === 'member' && caller.role === 'customer';
  if (isCustomer && (input.requester || input.assignee_id || input.team_id || input.status || input.tags?.length)) {
    throw new HttpError(403, 'forbidden', t('error.customer_ticket_limits'));
  }
  const customFields = input.custom_fields === undefined ? {} : await parseCustomFields(tx, input.custom_fields);
  if (isCustomer && Object.keys(customFields).length) {
    const visible = await customerVisibleKeys(tx);
    const hidden = Object.keys(customFields).filter((k) => !visible.has(k));
    if (hidden.length) throw new HttpError(400, 'validation_failed', t('validation.invalid_body_at', { path: `custom_fields.${hidden[0]}`, message: t('error.problem.unknown_field') }));
  }
  if (input.assignee_id) await assertAssignable(tx, input.assignee_id);
  const requesterId = await resolveRequester(tx, caller, input.requester);
  const assigneeId = input.assignee_id ?? (input.team_id ? await nextRoundRobinAssignee(tx, input.team_id) : null);
  // The message's author is the person who wrote it: the requester when staff file on their behalf.
  const authorId = input.requester || caller.kind === 'api_key' ? requesterId : caller.userId;
  const number = input.number === undefined ? tx`app.next_ticket_number(${caller.orgId})` : tx`${input.number}::bigint`;
  const ticket = tx`
    insert into tickets (org_id, number, subject, status, priority, type, channel, requester_id, assignee_id, team_id, tags, custom_fields, follow_up_of, search)
    values (${caller.orgId}, ${number}, ${input.subject}, ${input.status ?? 'new'}, ${input.priority ?? 'normal'},
            ${input.type ?? 'question'}, ${input.channel}, ${requesterId}, ${assigneeId}, ${input.team_id ?? null},
            ${[...new Set(input.tags ?? [])]}, ${tx.json(customFields as never)}, ${input.follow_up_of ?? null},
            to_tsvector((select search_language from organizations where id = ${caller.orgId}), left(${input.body.text}, 100000)))
    returning *`;
  // The ticket comes back from its own insert: the first message changes nothing on it.
  const columns = tx.unsafe(TICKET_COLUMNS);
  if (isCustomer) {
    // A customer's message must pass a policy that looks the ticket up: a separate statement,
    // since a statement cannot see its own rows.
    const [row] = await tx<TicketRow[]>`with t as (${ticket}) select ${columns} from t join people u on u.id = t.requester_id`;
    await insertFirstMessage(tx, caller.orgId, row!.number, authorId, input);
    await recomputeSla(tx, caller.orgId, [row!.number]);
    if (input.file) await fileUnderFirstMessage(tx, caller, row!.number, input.file);
    return row!;
  }
  // Staff and keys: ticket and message in one statement, one round trip.
  const [row] = await tx<TicketRow[]>`
    with t as (${ticket}), m as (
      insert into messages (org_id, ticket_number, author_id, internal, body_text, body_html, channel)
      select org_id, number, ${authorId}, false, ${input.body.text}, ${input.body.html}, ${input.channel} from t
    )
    select ${columns} from t join people u on u.id = t.requester_id`;
  await recomputeSla(tx, caller.orgId, [row!.number]);
  if (input.file) await fileUnderFirstMessage(tx, caller, row!.number, input.file);
  return row!;
}

async function resolveRequester(tx: TransactionSql, caller: MemberCaller | ApiKeyCaller, requester: NewTicket['requester']): Promise<string> {
  if (requester) {
    const [row] = await tx<{ id: string }[]>`select app.ensure_requester(${requester.email}, ${requester.name ?? null}, ${requester.locale ?? null}) as id`;
    return row!.id;
  }
  if (caller.kind === 'member') return caller.userId;
  throw new HttpError(400, 'validation_failed', t('validation.invalid_body_at', { path: 'requester', message: t('error.problem.requester_for_api_key', { shape: '{email, name?}' }) }), [
    { path: 'requester', message: t('error.problem.required_for_api_keys') },
  ]);
}

async function fileUnderFirstMessage(tx: TransactionSql, caller: MemberCaller | ApiKeyCaller, number: string, file: MessageFile): Promise<void> {
  const [first] = await tx<{ id: string }[]>`select id from messages where ticket_number = ${number} order by created_at, id limit 1`;
  await fileUnderMessage(tx, caller, { ticketNumber: Number(number), messageId: first!.id }, file);
}

async function insertFirstMessage(tx: TransactionSql, orgId: string, number: string, authorId: string | null, input: NewTicket): Promise<void> {
  await tx`
    insert into messages (org_id, ticket_number, author_id, internal, body_text, body_html, channel)
    values (${orgId}, ${number}, ${authorId}, false, ${input.body.text}, ${input.body.html}, ${input.channel})`;
}
