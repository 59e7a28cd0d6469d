import * as v from 'valibot';
import { mustBeAny } from '#lib/http/validation-messages.ts';
import { invalidInput } from '#lib/http/invalid-input.ts';
import { slaReport } from '#lib/sla/report.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { t } from '#lib/i18n/translate.ts';

const day = 86_400_000;
const isoTime = v.pipe(
  v.string(),
  v.isoTimestamp(() => t('validation.iso_time_example', { example: '2026-11-01T00:00:00Z' })),
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
    group_by: v.optional(v.picklist(['policy', 'team', 'agent'], mustBeAny(['policy', 'team', 'agent'])), 'policy'),
    from: v.optional(isoTime),
    to: v.optional(isoTime),
  }),
  async handler({ db, query }) {
    const to = query.to ?? new Date();
    const from = query.from ?? new Date(to.getTime() - 30 * day);
    if (from >= to) throw invalidInput('query parameters', [{ path: 'from', message: t('error.problem.before_to') }]);
    return { group_by: query.group_by, from, to, items: await slaReport(db, query.group_by, from, to) };
  },
});
