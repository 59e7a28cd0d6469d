import type { ApiKeyCaller, MemberCaller } from '#lib/auth/caller.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import { sqlState } from '#lib/db/errors.ts';
import { HttpError } from '#lib/http/errors.ts';
import { messageBody } from './message-body.ts';
import { recomputeSla } from '#lib/sla/apply.ts';
import { findTicket } from './read.ts';
import type { TicketRow } from './model.ts';
import { t } from '#lib/i18n/translate.ts';

/**
 * Merges ticket `from` into ticket `into`: the conversation, its files and followers move to
 * `into`, which also becomes findable by `from`'s words; `from` is closed with `merged_into`
 * set, and each ticket gets an internal note saying so. Both must be open (not closed, not
 * merged): 422 otherwise, or when they are the same ticket, or when their requesters differ
 * without `allowOtherRequester` (the target's requester would read the other's conversation).
 * The rows are locked in number order, so two merges of one pair in opposite directions cannot
 * deadlock.
 *
 * @example
 * const target = await mergeTicket(db, caller, 12, 7);
 */
export async function mergeTicket(tx: TransactionSql, caller: MemberCaller | ApiKeyCaller, from: number, into: number, opts: { allowOtherRequester?: boolean } = {}): Promise<TicketRow> {
  if (from === into) throw new HttpError(422, 'merge_self', t('error.merge_self'));
  const [first, second] = from < into ? [from, into] : [into, from];
  const locked = new Map([
    [first, await findTicket(tx, first, { lock: true })],
    [second, await findTicket(tx, second, { lock: true })],
  ]);
  for (const ticket of locked.values()) {
    if (ticket.merged_into !== null) {
      throw new HttpError(422, 'ticket_merged', t('error.ticket_merged', { number: String(ticket.number), target: String(await chainEnd(tx, ticket.merged_into)) }));
    }
    if (ticket.status === 'closed') throw new HttpError(422, 'ticket_closed', t('error.merge_closed', { number: String(ticket.number) }));
  }
  // The target's requester would read the other requester's conversation: only when asked to.
  if (locked.get(from)!.requester_id !== locked.get(into)!.requester_id && !opts.allowOtherRequester) {
    throw new HttpError(422, 'requester_differs', t('error.requester_differs', { from: String(from), into: String(into) }));
  }
  const author = caller.kind === 'member' ? caller.userId : null;
  // Messages first: the note on `from` below must stay on `from`.
  await tx`update messages set ticket_number = ${into} where ticket_number = ${from}`;
  await tx`update attachments set ticket_number = ${into} where ticket_number = ${from}`;
  await tx`
    insert into ticket_followers (org_id, ticket_number, user_id)
    select org_id, ${into}, user_id from ticket_followers where ticket_number = ${from}
    on conflict do nothing`;
  await addSearchWords(tx, from, into);
  const onInto = messageBody({ body: `Merged ticket #${from} into this ticket` });
  const onFrom = messageBody({ body: `Merged into #${into}` });
  await tx`
    insert into messages (org_id, ticket_number, author_id, internal, body_text, body_html, channel)
    values (${caller.orgId}, ${into}, ${author}, true, ${onInto.text}, ${onInto.html}, 'web'),
           (${caller.orgId}, ${from}, ${author}, true, ${onFrom.text}, ${onFrom.html}, 'web')`;
  await tx`update tickets set merged_into = ${into}, status = 'closed', updated_at = now() where number = ${from}`;
  // The target's history now holds the other's messages; the merged one is closed.
  await recomputeSla(tx, caller.orgId, [first, second]);
  return findTicket(tx, into);
}

/** Where a chain of merges (A into B, then B into C) ends: the ticket that holds the conversation now. */
async function chainEnd(tx: TransactionSql, number: string): Promise<string> {
  const [row] = await tx<{ number: string }[]>`
    with recursive chain (number, merged_into, depth) as (
      select number, merged_into, 0 from tickets where number = ${number}
      union all
      select t.number, t.merged_into, c.depth + 1 from tickets t join chain c on t.number = c.merged_into where c.depth < 100
    )
    select number::text from chain where merged_into is null order by depth desc limit 1`;
  return row?.number ?? number;
}

/** A tsvector has a size limit; a target already that full keeps the words it has. */
async function addSearchWords(tx: TransactionSql, from: number, into: number): Promise<void> {
  try {
    await tx.savepoint(
      (sp) => sp`
      update tickets set search = search || (select search from tickets where number = ${from}), updated_at = now()
      where number = ${into}`,
    );
  } catch (err) {
    if (sqlState(err) !== '54000') throw err;
  }
}
