import type { Caller } from '#lib/auth/caller.ts';
import { entryProofOf, type Sql } from '#lib/db/pool.ts';
import { idempotencyKeyTaken } from '#lib/http/idempotency.ts';

/**
 * Takes the org's next ticket number in one autocommitted statement, before the create's own
 * transaction opens, so the org's counter row is locked for that statement only and creates in
 * one org no longer wait on each other's commits (sql/008, app.take_ticket_number). The caller
 * is checked there as for any request; a caller who would be refused gets undefined and takes
 * nothing. A create that fails afterwards leaves a gap, never a reused number. A retry whose
 * `Idempotency-Key` was already used takes nothing either: it gets the first answer, and a
 * number per retry would leave a gap per retry.
 *
 * @example
 * const number = await takeTicketNumber(c.var.deps.sql, caller, c.var.clientIp, c.req.header('idempotency-key'));
 * await createTicket(db, caller, { ...input, number });
 */
export async function takeTicketNumber(sql: Sql, caller: Caller, ip: string, idempotencyKey?: string): Promise<string | undefined> {
  if (caller.kind === 'anonymous') return undefined;
  if (idempotencyKey !== undefined && (await idempotencyKeyTaken(sql, caller, ip, idempotencyKey, { permission: 'tickets.create' }))) return undefined;
  const member = caller.kind === 'member' ? caller : undefined;
  const [row] = await sql<{ number: string | null }[]>`
    select app.take_ticket_number(${entryProofOf(sql)}, ${caller.orgId}, ${member?.userId ?? null}, ${member?.role ?? null}, ${member?.sessionId ?? null},
                                  ${caller.kind === 'api_key' ? caller.tokenHash : null}, ${ip})::text as number`;
  return row?.number ?? undefined;
}
