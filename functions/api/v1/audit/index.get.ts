import { AuditQuery, queryAuditLog } from '#lib/audit/log-query.ts';
import { endpoint } from '#lib/router/endpoint.ts';

/**
 * GET /api/v1/audit — the audit log, newest first, paged by `cursor` (send back `next_cursor`).
 * Filters: `action` (exact, or a prefix ending in `.`, e.g. `ticket.`), `target_type` +
 * `target_id`, `actor` (a user id), `from`/`to` (timestamps). `chain_intact` says whether the
 * org's hash chain holds. Deprecated, kept for one release: `before` (a seq) and `next_before`.
 */
export default endpoint({
  auth: { permission: 'audit.read' },
  query: AuditQuery,
  async handler({ db, query }) {
    return queryAuditLog(db, query);
  },
});
