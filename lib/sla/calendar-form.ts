import { CalendarInput, CalendarPatch, type CalendarJson } from '#lib/sla/calendar-store.ts';
import type { PlaceIssue } from '#lib/http/schema-issues.ts';
import { checkAgainst } from '#lib/pages/form-errors.ts';
import { t } from '#lib/i18n/translate.ts';

/** ISO weekdays (1 = Monday) in the form's order; their names come from weekdayName, in the reader's language. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** Opening intervals a day may have on the form: far more than any real schedule needs. */
const MAX_SLOTS = 24;

/** The form's name for one time of one interval: `start_1_0` is Monday's first opening time. */
export const slotField = (edge: 'start' | 'end', weekday: number, index: number) => `${edge}_${weekday}_${index}`;

export type DaySlots = { start: string; end: string }[];

/** The intervals a posted form holds per weekday (1-7), in order, with rows left blank dropped. */
export function slotsFromValues(values: Record<string, string>): Map<number, DaySlots> {
  const days = new Map<number, DaySlots>();
  for (const weekday of WEEKDAYS) {
    const slots: DaySlots = [];
    for (let i = 0; i < MAX_SLOTS; i++) {
      const start = values[slotField('start', weekday, i)]?.trim() ?? '';
      const end = values[slotField('end', weekday, i)]?.trim() ?? '';
      if (start || end) slots.push({ start, end });
    }
    days.set(weekday, slots);
  }
  return days;
}

/** Form values for each interval, numbered per day as slotsFromValues reads them back. */
function slotValues(days: Map<number, DaySlots>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [weekday, slots] of days) {
    slots.forEach((s, i) => {
      values[slotField('start', weekday, i)] = s.start;
      values[slotField('end', weekday, i)] = s.end;
    });
  }
  return values;
}

/**
 * What the calendar form shows for a stored calendar. A `24:00` end is shown as `00:00`: a time
 * input cannot hold 24:00, and an end at 00:00 also means "until midnight" to the clock.
 */
export function calendarFormValues(c: Pick<CalendarJson, 'name' | 'time_zone' | 'always_open' | 'weekly'>): Record<string, string> {
  const days = new Map<number, DaySlots>(WEEKDAYS.map((d) => [d, []]));
  for (const i of c.weekly) days.get(i.weekday)?.push({ start: i.start, end: i.end === '24:00' ? '00:00' : i.end });
  return { name: c.name, time_zone: c.time_zone, ...(c.always_open ? { always_open: 'on' } : {}), ...slotValues(days) };
}

/** The new-calendar form's starting point: Monday to Friday, 09:00 to 17:00, in UTC. */
export const NEW_CALENDAR_VALUES = calendarFormValues({
  name: '',
  time_zone: 'UTC',
  always_open: false,
  weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:00' })),
});

/**
 * The calendar form (name, zone, around the clock, weekly intervals) checked as the API's
 * CalendarInput body, for a new calendar and a changed one alike: the form always sends every
 * field. Refused, each message is keyed by the form field it belongs beside.
 *
 * @example
 * const checked = checkCalendarForm(await readFormFields(c));
 * if (!checked.ok) return c.html(<NewCalendarBody form={{ errors: checked.errors, values }} />, 422);
 */
export function checkCalendarForm(values: Record<string, string>) {
  const form = calendarFromForm(values);
  return checkAgainst(CalendarInput, form.candidate, form.place);
}

function calendarFromForm(values: Record<string, string>): { candidate: Record<string, unknown>; place: PlaceIssue } {
  const weekly: { weekday: number; start: string; end: string }[] = [];
  const fields: { weekday: number; index: number }[] = [];
  for (const [weekday, slots] of slotsFromValues(values)) {
    slots.forEach((s, index) => {
      weekly.push({ weekday, start: s.start, end: s.end });
      fields.push({ weekday, index });
    });
  }
  const candidate = { name: values.name ?? '', time_zone: values.time_zone?.trim() ?? '', always_open: values.always_open === 'on', weekly };
  const place: PlaceIssue = (path, message) => {
    const slot = /^weekly\.(\d+)(?:\.(start|end))?$/.exec(path);
    const at = slot ? fields[Number(slot[1])] : undefined;
    if (slot && at) {
      const edge = slot[2] === 'end' ? 'end' : 'start';
      const typed = weekly[Number(slot[1])]?.[edge];
      return [slotField(edge, at.weekday, at.index), typed === '' ? t('admin_sla.calendar.error.both_times') : message];
    }
    if (path === '') return ['weekly', t('admin_sla.calendar.error.never_open')];
    return [path.split('.')[0]!, message];
  };
  return { candidate, place };
}

/**
 * A holiday form (date, name, every year) checked as a CalendarPatch body holding that one
 * holiday, so the API's own holiday schema decides; `holidays.0.date`'s issue goes beside the
 * date, and so on.
 *
 * @example
 * const checked = checkHolidayForm({ date: '2026-12-25', name: 'Christmas', recurring: 'on' });
 * if (checked.ok) await addHoliday(tx, orgId, actor, calendarId, checked.value);
 */
export function checkHolidayForm(values: Record<string, string>) {
  const form = holidayFromForm(values);
  const checked = checkAgainst(CalendarPatch, form.candidate, form.place);
  return checked.ok ? { ok: true as const, value: checked.value.holidays![0]! } : checked;
}

function holidayFromForm(values: Record<string, string>): { candidate: Record<string, unknown>; place: PlaceIssue } {
  const name = values.name?.trim();
  const holiday = { date: values.date?.trim() ?? '', recurring: values.recurring === 'on', ...(name ? { name } : {}) };
  const place: PlaceIssue = (path, message) => {
    const field = /^holidays\.0\.(\w+)/.exec(path)?.[1] ?? 'date';
    return [field, field === 'date' && holiday.date === '' ? t('admin_sla.holidays.error.give_date') : message];
  };
  return { candidate: { holidays: [holiday] }, place };
}
