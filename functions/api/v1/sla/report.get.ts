import * as v from 'valibot';
import { HttpError } from '#lib/http/errors.ts';
import { slaReport } from '#lib/sla/report.ts';
import { endpoint } from '#lib/router/endpoint.ts';

const day = 86_400_000;
const isoTime = v.pipe(
  v.string(),
  v.isoTimestamp('must be an ISO 8601 time, e.g. 2026-11-01T00:00:00Z'),
  v.transform((s) => new Date(s)),
);

/**
 * GET /api/v1/sla/report?group_by=policy|team|agent&from=…&to=… — SLA achievement of targets
 * started in [from, to) (default: the last 30 days): per group, the first response and
 * resolution targets met and breached, the share met, and the median and p90 minutes taken.
 */
export default endpoint({
  auth: { permission: 'reports.read' },
  query: v.object({
    group_by: v.optional(v.picklist(['policy', 'team', 'agent'], 'must be policy, team or agent'), 'policy'),
    from: v.optional(isoTime),
    to: v.optional(isoTime),
  }),
  async handler({ db, query }) {
    const to = query.to ?? new Date();
    const from = query.from ?? new Date(to.getTime() - 30 * day);
    if (from >= to) throw new HttpError(400, 'validation_failed', 'Invalid query parameters: from: must be before to', [{ path: 'from', message: 'must be before to' }]);
    return { group_by: query.group_by, from, to, items: await slaReport(db, query.group_by, from, to) };
  },
});
