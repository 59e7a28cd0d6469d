import * as v from 'valibot';
import { endpoint } from '../../../../lib/router/endpoint.ts';

/** GET /api/v1/audit?before=&limit=&action= — the audit log, newest first, paged by `seq`. */
export default endpoint({
  auth: { permission: 'audit.read' },
  query: v.object({
    before: v.optional(v.pipe(v.string(), v.regex(/^\d{1,18}$/, 'must be a sequence number'))),
    limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/, 'must be 1 to 200'), v.transform(Number), v.minValue(1), v.maxValue(200)), '50'),
    action: v.optional(v.pipe(v.string(), v.maxLength(100))),
  }),
  async handler({ db, query }) {
    const rows = await db<{ seq: bigint }[]>`
      select seq::text as seq, at, actor_user_id, actor_api_key_id, host(actor_ip) as actor_ip, action, target_type, target_id, details
      from audit_log
      where (${query.before ?? null}::bigint is null or seq < ${query.before ?? null}::bigint)
        and (${query.action ?? null}::text is null or action = ${query.action ?? null})
      order by seq desc limit ${query.limit}`;
    const [chain] = await db<{ broken_at: string | null }[]>`select app.audit_chain_break(app.current_org())::text as broken_at`;
    return { items: rows, next_before: rows.length === query.limit ? rows.at(-1)?.seq : null, chain_intact: chain?.broken_at === null, chain_broken_at: chain?.broken_at ?? null };
  },
});
