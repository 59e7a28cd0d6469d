import * as v from 'valibot';
import { maxChars, mustBeTimeZone, notEmpty, sendAChange } from '#lib/http/validation-messages.ts';
import { audit, type AuditActor } from '#lib/audit/record.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import { HttpError } from '#lib/http/errors.ts';
import { isTimeZone } from '#lib/time/zone.ts';
import { assertCalendarServes, largestTargetOnCalendar } from './calendar-check.ts';
import type { BusinessCalendar, IsoWeekday } from './types.ts';
import { t } from '#lib/i18n/translate.ts';

const mustBeIsoDate = () => t('validation.sla.date');
const hhmm = v.pipe(
  v.string(),
  v.regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, () => t('validation.sla.hhmm')),
);
const interval = v.pipe(
  v.strictObject({
    weekday: v.pipe(
      v.number(),
      v.integer(),
      v.minValue(1),
      v.maxValue(7, () => t('validation.sla.weekday')),
    ),
    start: hhmm,
    end: hhmm,
  }),
  v.check(
    (i) => i.start !== '24:00',
    () => t('validation.sla.start_before_midnight'),
  ),
  v.check(
    (i) => i.start !== i.end,
    () => t('validation.sla.start_end_differ'),
  ),
);
/**
 * True for a date that is on the calendar, written YYYY-MM-DD, from 1970 to 9999: 2026-02-30 is
 * not. Never throws, whatever the string (the check used to build a Date of it and call
 * toISOString, which throws RangeError for "not-a-date": a 500).
 *
 * @example
 * isRealDate('2028-02-29'); // true
 * isRealDate('2027-02-29'); // false
 */
function isRealDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1970 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

const holiday = v.strictObject({
  date: v.pipe(
    v.string(mustBeIsoDate),
    v.isoDate(mustBeIsoDate),
    v.check(
      (d) => !/^\d{4}-\d{2}-\d{2}$/.test(d) || isRealDate(d),
      () => t('validation.sla.real_date'),
    ),
  ),
  recurring: v.optional(v.boolean(), false),
  name: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(100))),
});
const timeZone = v.pipe(v.string(), v.check(isTimeZone, mustBeTimeZone));
const name = v.pipe(v.string(), v.trim(), v.minLength(1, notEmpty), v.maxLength(100, maxChars(100)));

const fields = {
  name,
  time_zone: timeZone,
  always_open: v.optional(v.boolean()),
  weekly: v.optional(v.pipe(v.array(interval), v.maxLength(200))),
  holidays: v.optional(v.pipe(v.array(holiday), v.maxLength(1000))),
};

/** POST body: a calendar needs opening hours unless it is open around the clock. */
export const CalendarInput = v.pipe(
  v.strictObject(fields),
  v.check(
    (c) => c.always_open === true || (c.weekly?.length ?? 0) > 0,
    () => t('validation.sla.weekly_or_always'),
  ),
);
/** PATCH body: any field; the result is checked again as a whole. */
export const CalendarPatch = v.pipe(
  v.strictObject({ ...fields, name: v.optional(name), time_zone: v.optional(timeZone) }),
  v.check((b) => Object.values(b).some((x) => x !== undefined), sendAChange),
);
export type CalendarInputT = v.InferOutput<typeof CalendarInput>;
export type CalendarPatchT = v.InferOutput<typeof CalendarPatch>;

export interface CalendarJson {
  id: string;
  name: string;
  time_zone: string;
  always_open: boolean;
  weekly: { weekday: number; start: string; end: string }[];
  holidays: { date: string; recurring: boolean; name?: string }[];
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'id, name, time_zone, always_open, weekly, holidays, created_at, updated_at';

/** The clock's view of a stored calendar. */
export function toBusinessCalendar(c: Pick<CalendarJson, 'time_zone' | 'always_open' | 'weekly' | 'holidays'>): BusinessCalendar {
  return {
    timeZone: c.time_zone,
    alwaysOpen: c.always_open,
    weekly: c.weekly.map((i) => ({ weekday: i.weekday as IsoWeekday, start: i.start, end: i.end })),
    holidays: c.holidays.map((h) => ({ date: h.date, recurring: h.recurring })),
  };
}

/** The org's calendars by name. */
export async function listCalendars(tx: TransactionSql): Promise<CalendarJson[]> {
  return tx.unsafe<CalendarJson[]>(`select ${COLUMNS} from sla_calendars order by lower(name), id limit 1000`);
}

/** One calendar; another org's id is a 404, by RLS. */
export async function findCalendar(tx: TransactionSql, id: string): Promise<CalendarJson> {
  const [row] = await tx.unsafe<CalendarJson[]>(`select ${COLUMNS} from sla_calendars where id = $1`, [id]);
  if (!row) throw new HttpError(404, 'not_found', t('error.sla_calendar_not_found', { id }));
  return row;
}

/**
 * Creates a calendar (recorded in the audit log as `actor`'s); a name in use is 409, one whose
 * holidays leave it no open time is 422 `calendar_never_open`.
 */
export async function createCalendar(tx: TransactionSql, orgId: string, actor: AuditActor, input: CalendarInputT): Promise<CalendarJson> {
  assertCalendarServes(toBusinessCalendar({ time_zone: input.time_zone, always_open: input.always_open ?? false, weekly: input.weekly ?? [], holidays: input.holidays ?? [] }), 0);
  const [row] = await tx<{ id: string }[]>`
    insert into sla_calendars (org_id, name, time_zone, always_open, weekly, holidays)
    values (${orgId}, ${input.name}, ${input.time_zone}, ${input.always_open ?? false},
            ${tx.json((input.weekly ?? []) as never)}, ${tx.json((input.holidays ?? []) as never)})
    on conflict do nothing returning id`;
  if (!row) throw new HttpError(409, 'calendar_exists', t('error.sla_calendar_exists', { name: input.name }));
  await audit(tx, orgId, actor, { action: 'sla_calendar.create', targetType: 'sla_calendar', targetId: row.id, details: { name: input.name } });
  return findCalendar(tx, row.id);
}

/**
 * Changes a calendar and records which fields were sent in the audit log. The open tickets it
 * governs are re-computed by the sla-recompute job that the change enqueues (sql/010_sla.sql).
 * A change that leaves no open time, or too little for a policy's largest business-hours
 * target (assertCalendarServes), is a 422 and saves nothing.
 */
export async function updateCalendar(tx: TransactionSql, orgId: string, actor: AuditActor, id: string, patch: CalendarPatchT): Promise<CalendarJson> {
  const before = await findCalendar(tx, id);
  const after = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, x]) => x !== undefined)) } as CalendarJson;
  if (!after.always_open && after.weekly.length === 0) throw new HttpError(422, 'calendar_never_open', t('error.calendar_needs_weekly'));
  // The policies on it must still be computable: a target is never left to the walker's cap in a request.
  assertCalendarServes(toBusinessCalendar(after), await largestTargetOnCalendar(tx, id));
  if (after.name.toLowerCase() !== before.name.toLowerCase()) {
    const [clash] = await tx`select 1 from sla_calendars where lower(name) = lower(${after.name}) and id <> ${id}`;
    if (clash) throw new HttpError(409, 'calendar_exists', t('error.sla_calendar_exists', { name: after.name }));
  }
  await tx`
    update sla_calendars set name = ${after.name}, time_zone = ${after.time_zone}, always_open = ${after.always_open},
      weekly = ${tx.json(after.weekly as never)}, holidays = ${tx.json(after.holidays as never)}, updated_at = now()
    where id = ${id}`;
  await audit(tx, orgId, actor, { action: 'sla_calendar.update', targetType: 'sla_calendar', targetId: id, details: { changed: Object.keys(patch) } });
  return findCalendar(tx, id);
}

/** Deletes a calendar no policy uses (recorded in the audit log); one in use is 409. */
export async function deleteCalendar(tx: TransactionSql, orgId: string, actor: AuditActor, id: string): Promise<CalendarJson> {
  const calendar = await findCalendar(tx, id);
  const [used] = await tx<{ name: string }[]>`select name from sla_policies where calendar_id = ${id} limit 1`;
  if (used) throw new HttpError(409, 'calendar_in_use', t('error.calendar_in_use', { policy: used.name }));
  await tx`delete from sla_calendars where id = ${id}`;
  await audit(tx, orgId, actor, { action: 'sla_calendar.delete', targetType: 'sla_calendar', targetId: id, details: { name: calendar.name } });
  return calendar;
}
