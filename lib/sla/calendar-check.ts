import type { TransactionSql } from '#lib/db/pool.ts';
import { HttpError } from '#lib/http/errors.ts';
import { addBusinessMinutes, nextOpenAt } from './business-time.ts';
import { MAX_CLOSED_DAYS, MAX_WALK_DAYS, SlaCalendarError } from './calendar.ts';
import type { PolicyTargets } from './policies.ts';
import type { BusinessCalendar } from './types.ts';
import { t } from '#lib/i18n/translate.ts';

/** The largest business-hours target of these policies' targets, in minutes (0 when none). */
export function largestBusinessTarget(targets: readonly PolicyTargets[]): number {
  let max = 0;
  for (const byPriority of targets) {
    for (const byMetric of Object.values(byPriority)) {
      for (const t of Object.values(byMetric ?? {})) if (t && t.business_hours !== false && t.minutes > max) max = t.minutes;
    }
  }
  return max;
}

/**
 * Refuses (422) a calendar the clock could not use for these targets: one with no open time in
 * MAX_CLOSED_DAYS (holidays closing every open day), or one open so little that the largest
 * business-hours target would take more than MAX_WALK_DAYS to reach. Checked from `now`, at
 * save, so that a ticket never meets the walker's cap in a request.
 *
 * @example
 * assertCalendarServes(toBusinessCalendar(after), largestBusinessTarget(policies.map((p) => p.targets)));
 */
export function assertCalendarServes(cal: BusinessCalendar, largestMinutes: number, now = new Date()): void {
  if (cal.alwaysOpen) return;
  try {
    nextOpenAt(cal, now);
  } catch (err) {
    if (!(err instanceof SlaCalendarError)) throw err;
    throw new HttpError(422, 'calendar_never_open', t('error.calendar_never_open_years', { years: Math.floor(MAX_CLOSED_DAYS / 366) }));
  }
  if (largestMinutes <= 0) return;
  try {
    addBusinessMinutes(cal, now, largestMinutes);
  } catch (err) {
    if (!(err instanceof SlaCalendarError)) throw err;
    throw new HttpError(422, 'sla_target_unreachable', t('error.sla_target_unreachable', { minutes: String(largestMinutes), years: Math.floor(MAX_WALK_DAYS / 366) }), { minutes: largestMinutes });
  }
}

/** The largest business-hours target of the policies on a calendar, read for assertCalendarServes. */
export async function largestTargetOnCalendar(tx: TransactionSql, calendarId: string, except?: string): Promise<number> {
  const rows = await tx<{ targets: PolicyTargets }[]>`select targets from sla_policies where calendar_id = ${calendarId} and id is distinct from ${except ?? null}::uuid`;
  return largestBusinessTarget(rows.map((r) => r.targets));
}
