import type { MemberCaller } from '#lib/auth/caller.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import { statusLabel } from '#lib/i18n/labels.ts';
import { t } from '#lib/i18n/translate.ts';
import { attempt } from '#lib/pages/form-errors.ts';
import { mergeTicket } from '#lib/tickets/merge.ts';
import type { TicketStatus } from '#lib/tickets/model.ts';
import { findTicket } from '#lib/tickets/read.ts';
import { updateTicket } from '#lib/tickets/update.ts';

/** What a bulk action does to each selected ticket. */
export type BulkAction = { kind: 'assign'; assignee: string | null } | { kind: 'status'; status: TicketStatus } | { kind: 'tag_add' | 'tag_remove'; tags: string[] } | { kind: 'merge'; into: number };

/** One selected ticket's result: done, or why not, in words for the agent (in their language). */
export interface BulkOutcome {
  number: number;
  ok: boolean;
  message: string;
}

/**
 * Applies one action to each ticket on its own savepoint, through the same functions the API
 * uses (updateTicket, mergeTicket): a ticket the action cannot apply to (an invalid status
 * transition, a closed ticket, a different requester on merge) is reported and rolled back
 * alone, and the others still change. Failures other than a refusal (the database gone) abort
 * the whole request as usual.
 *
 * @example
 * const outcomes = await runBulk(db, caller, [12, 13], { kind: 'status', status: 'pending' });
 */
export async function runBulk(tx: TransactionSql, caller: MemberCaller, numbers: readonly number[], action: BulkAction): Promise<BulkOutcome[]> {
  const outcomes: BulkOutcome[] = [];
  for (const number of numbers) {
    if (action.kind === 'merge' && number === action.into) {
      outcomes.push({ number, ok: true, message: t('queue.bulk.outcome.merge_target') });
      continue;
    }
    const done = await attempt(tx, (sp) => applyOne(sp, caller, number, action));
    outcomes.push(done.ok ? { number, ok: true, message: done.value } : { number, ok: false, message: done.reason });
  }
  return outcomes;
}

async function applyOne(sp: TransactionSql, caller: MemberCaller, number: number, action: BulkAction): Promise<string> {
  switch (action.kind) {
    case 'assign':
      await updateTicket(sp, caller, number, { assignee_id: action.assignee });
      return action.assignee ? t('queue.bulk.outcome.assigned') : t('queue.bulk.outcome.unassigned');
    case 'status':
      await updateTicket(sp, caller, number, { status: action.status });
      return t('queue.bulk.outcome.status', { status: statusLabel(action.status) });
    case 'tag_add':
    case 'tag_remove': {
      const current = (await findTicket(sp, number)).tags;
      const tags = action.kind === 'tag_add' ? [...current, ...action.tags] : current.filter((tag) => !action.tags.includes(tag));
      await updateTicket(sp, caller, number, { tags });
      // Tags are the agent's own words: listed as typed, not joined as a sentence.
      const list = action.tags.join(', ');
      return action.kind === 'tag_add' ? t('queue.bulk.outcome.tagged', { tags: list }) : t('queue.bulk.outcome.untagged', { tags: list });
    }
    case 'merge':
      await mergeTicket(sp, caller, number, action.into);
      return t('queue.bulk.outcome.merged', { number: String(action.into) });
  }
}
