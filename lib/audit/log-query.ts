import * as v from 'valibot';
import { between, cursorOrDeprecated, mustBeSequenceNumber, mustBeTimestamp } from '#lib/http/validation-messages.ts';
import { t } from '#lib/i18n/translate.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import { decodeSeqCursor, encodeCursor } from '#lib/http/cursor.ts';
import { cursorParam, deprecatedFor } from '#lib/http/page-query.ts';
import { uuid } from '#lib/http/schemas.ts';

const timestamp = v.pipe(v.string(), v.isoTimestamp(mustBeTimestamp));

/** The audit log's filters as query parameters (GET /api/v1/audit and the admin Audit page). */
export const AuditQuery = v.pipe(
  v.object({
    cursor: cursorParam,
    before: v.optional(v.pipe(v.string(), deprecatedFor('cursor'), v.regex(/^\d{1,18}$/, mustBeSequenceNumber))),
    limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/, between(1, 200)), v.transform(Number), v.minValue(1), v.maxValue(200)), '50'),
    action: v.optional(
      v.pipe(
        v.string(),
        v.regex(/^[a-z_.]{1,100}$/, () => t('validation.audit.action')),
      ),
    ),
    target_type: v.optional(
      v.pipe(
        v.string(),
        v.regex(/^[a-z_]{1,50}$/, () => t('validation.audit.target_type')),
      ),
    ),
    target_id: v.optional(v.pipe(v.string(), v.maxLength(100))),
    actor: v.optional(uuid),
    from: v.optional(timestamp),
    to: v.optional(timestamp),
  }),
  v.forward(
    v.partialCheck([['cursor'], ['before']], (q) => q.cursor === undefined || q.before === undefined, cursorOrDeprecated('before')),
    ['cursor'],
  ),
);
export type AuditFilters = v.InferOutput<typeof AuditQuery>;

interface AuditRow {
  seq: string;
  at: Date;
  actor_user_id: string | null;
  actor_api_key_id: string | null;
  actor_ip: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: Record<string, unknown>;
}

export interface AuditPage {
  items: AuditRow[];
  next_cursor: string | null;
  /** Deprecated, kept for one release: the last row's seq, for `before`. */
  next_before: string | null;
  chain_intact: boolean;
  chain_broken_at: string | null;
}

/**
 * One page of the audit log, newest first, and whether the org's hash chain holds. `action` is
 * exact, or a prefix when it ends in `.`.
 */
export async function queryAuditLog(tx: TransactionSql, query: AuditFilters): Promise<AuditPage> {
  const action = query.action ?? null;
  const before = query.cursor === undefined ? (query.before ?? null) : decodeSeqCursor(query.cursor);
  const rows = await tx<AuditRow[]>`
    select seq::text as seq, at, actor_user_id, actor_api_key_id, host(actor_ip) as actor_ip, action, target_type, target_id, details
    from audit_log
    where (${before}::bigint is null or seq < ${before}::bigint)
      and (${action}::text is null or (case when ${action}::text like '%.' then starts_with(action, ${action}::text) else action = ${action}::text end))
      and (${query.target_type ?? null}::text is null or target_type = ${query.target_type ?? null})
      and (${query.target_id ?? null}::text is null or target_id = ${query.target_id ?? null})
      and (${query.actor ?? null}::uuid is null or actor_user_id = ${query.actor ?? null}::uuid)
      and (${query.from ?? null}::timestamptz is null or at >= ${query.from ?? null}::timestamptz)
      and (${query.to ?? null}::timestamptz is null or at < ${query.to ?? null}::timestamptz)
    -- audit_log.seq, the number: a bare seq would be the text column of the select list (9 before 10)
    order by audit_log.seq desc limit ${query.limit}`;
  const [chain] = await tx<{ broken_at: string | null }[]>`select app.audit_chain_break(app.current_org())::text as broken_at`;
  const last = rows.length === query.limit ? (rows.at(-1)?.seq ?? null) : null;
  return { items: rows, next_cursor: last && encodeCursor([last]), next_before: last, chain_intact: chain?.broken_at === null, chain_broken_at: chain?.broken_at ?? null };
}
