import type { TransactionSql } from '#lib/db/pool.ts';

export type ReportGroup = 'policy' | 'team' | 'agent';

/** Achievement of one metric in one group: finished targets only (met or missed). */
interface MetricReport {
  /** Targets that were fulfilled or breached in the period. */
  total: number;
  met: number;
  breached: number;
  /** Share met, 0-100 with one decimal; null when nothing finished. */
  percent_met: number | null;
  /** Minutes the fulfilled targets took, in the target's own time (business minutes on business-hours targets). */
  median_minutes: number | null;
  p90_minutes: number | null;
}

export interface ReportRow {
  /** The policy, team or agent id; null for tickets without a team or assignee. */
  id: string | null;
  name: string | null;
  first_response: MetricReport;
  resolution: MetricReport;
}

const KEY: Record<ReportGroup, { id: string; name: string; join: string }> = {
  policy: { id: 's.policy_id', name: 'p.name', join: 'left join sla_policies p on p.org_id = s.org_id and p.id = s.policy_id' },
  team: { id: 't.team_id', name: 'tm.name', join: 'left join teams tm on tm.org_id = t.org_id and tm.id = t.team_id' },
  agent: { id: 't.assignee_id', name: 'u.name', join: 'left join people u on u.id = t.assignee_id' },
};

/**
 * SLA achievement per policy, team or agent for the targets started in [from, to): the share
 * met, and the median and 90th percentile of the time the fulfilled ones took. Team and agent
 * are the ticket's current ones. One query, aggregated in SQL.
 *
 * @example
 * const rows = await slaReport(db, 'team', new Date('2026-11-01'), new Date('2026-12-01'));
 */
export async function slaReport(tx: TransactionSql, group: ReportGroup, from: Date, to: Date): Promise<ReportRow[]> {
  const k = KEY[group];
  const rows = await tx.unsafe<(Record<string, string | number | null> & { id: string | null; name: string | null })[]>(
    `select ${k.id} as id, max(${k.name}) as name,
       ${['first_response', 'resolution']
         .map(
           (m) => `
       count(*) filter (where s.metric = '${m}' and (s.breached_at is not null or s.fulfilled_at is not null))::int as ${m}_total,
       count(*) filter (where s.metric = '${m}' and s.breached_at is null and s.fulfilled_at is not null)::int as ${m}_met,
       count(*) filter (where s.metric = '${m}' and s.breached_at is not null)::int as ${m}_breached,
       percentile_cont(0.5) within group (order by s.elapsed_minutes) filter (where s.metric = '${m}' and s.fulfilled_at is not null) as ${m}_median,
       percentile_cont(0.9) within group (order by s.elapsed_minutes) filter (where s.metric = '${m}' and s.fulfilled_at is not null) as ${m}_p90`,
         )
         .join(',')}
     from ticket_sla_targets s
     join tickets t on t.org_id = s.org_id and t.number = s.ticket_number
     ${k.join}
     where s.started_at >= $1 and s.started_at < $2 and s.metric in ('first_response', 'resolution')
     group by ${k.id}
     order by 2 nulls last, 1 nulls last
     limit 1000`,
    [from, to],
  );
  return rows.map((r) => ({ id: r.id, name: r.name, first_response: metric(r, 'first_response'), resolution: metric(r, 'resolution') }));
}

function metric(r: Record<string, string | number | null>, m: string): MetricReport {
  const total = Number(r[`${m}_total`]);
  const met = Number(r[`${m}_met`]);
  const num = (x: string | number | null | undefined) => (x === null || x === undefined ? null : Math.round(Number(x) * 10) / 10);
  return {
    total,
    met,
    breached: Number(r[`${m}_breached`]),
    percent_met: total ? Math.round((met / total) * 1000) / 10 : null,
    median_minutes: num(r[`${m}_median`]),
    p90_minutes: num(r[`${m}_p90`]),
  };
}
