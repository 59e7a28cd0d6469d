import type { MemberCaller } from '#lib/auth/caller.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import { attempt } from '#lib/pages/form-errors.ts';
import { mergeTicket } from '#lib/tickets/merge.ts';
import type { TicketStatus } from '#lib/tickets/model.ts';
import { findTicket } from '#lib/tickets/read.ts';
import { updateTicket } from '#lib/tickets/update.ts';

/** What a bulk action does to each selected ticket. */
export type BulkAction = { kind: 'assign'; assignee: string | null } | { kind: 'status'; status: TicketStatus } | { kind: 'tag_add' | 'tag_remove'; tags: string[] } | { kind: 'merge'; into: number };

/** One selected ticket's result: done, or why not, in words for the agent. */
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
      outcomes.push({ number, ok: true, message: 'is the ticket the others merge into' });
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
      return action.assignee ? 'assigned' : 'unassigned';
    case 'status':
      await updateTicket(sp, caller, number, { status: action.status });
      return `set to ${action.status.replace('_', ' ')}`;
    case 'tag_add':
    case 'tag_remove': {
      const current = (await findTicket(sp, number)).tags;
      const tags = action.kind === 'tag_add' ? [...current, ...action.tags] : current.filter((t) => !action.tags.includes(t));
      await updateTicket(sp, caller, number, { tags });
      return action.kind === 'tag_add' ? `tagged ${action.tags.join(', ')}` : `untagged ${action.tags.join(', ')}`;
    }
    case 'merge':
      await mergeTicket(sp, caller, number, action.into);
      return `merged into #${action.into}`;
  }
}
