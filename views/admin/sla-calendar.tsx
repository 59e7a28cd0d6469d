import { t } from '#lib/i18n/translate.ts';
import { holidayDate, weekdayName } from '#lib/sla/calendar-days.ts';
import { slotField, slotsFromValues, WEEKDAYS } from '#lib/sla/calendar-form.ts';
import type { CalendarJson } from '#lib/sla/calendar-store.ts';
import { CheckboxField, EMPTY_FORM, Outcome, Submit, TextField } from './form.tsx';
import type { FormState } from '#lib/pages/form-state.ts';
import { TimeZoneList } from './time-zone-list.tsx';
import { TableScroll } from '#views/table-scroll.tsx';

export interface CalendarState {
  /** The settings form as posted, when it was refused. */
  form?: FormState;
  notice?: string | undefined;
  error?: string | undefined;
}

const SWAP = { 'hx-target': '#admin-body', 'hx-swap': 'outerHTML' } as const;

function BackLink() {
  return (
    <p class="small">
      <a href="/app/admin/sla">{t('admin_sla.back')}</a>
    </p>
  );
}

/** The body of /app/admin/sla/calendars/new: the calendar form, empty but for a Monday-to-Friday week. */
export function NewCalendarBody(props: { form: FormState; error?: string | undefined }) {
  return (
    <div id="admin-body">
      <BackLink />
      <Outcome error={props.error} />
      <h2>{t('admin_sla.calendars.new')}</h2>
      <form class="card stack" method="post" action="/app/admin/sla/calendars" hx-post="/app/admin/sla/calendars" {...SWAP}>
        <CalendarFields form={props.form} />
        <Submit>{t('admin_sla.calendar.create')}</Submit>
      </form>
    </div>
  );
}

/** The body of /app/admin/sla/calendars/:id: its settings and hours, its holidays, and deleting it. */
export function CalendarBody(props: { calendar: CalendarJson; usedBy: string[]; form: FormState; holiday?: HolidayState; state?: CalendarState }) {
  const { calendar } = props;
  const state = props.state ?? {};
  const base = `/app/admin/sla/calendars/${calendar.id}`;
  return (
    <div id="admin-body">
      <BackLink />
      <Outcome notice={state.notice} error={state.error} />
      <h2>{t('admin_sla.calendar.heading', { name: calendar.name })}</h2>
      <section aria-labelledby="calendar-settings-heading">
        <h3 id="calendar-settings-heading">{t('admin_sla.calendar.settings_heading')}</h3>
        <form class="card stack" method="post" action={base} hx-post={base} {...SWAP}>
          <CalendarFields form={props.form} />
          <Submit>{t('admin_sla.calendar.save')}</Submit>
        </form>
      </section>
      <HolidaysSection calendar={calendar} state={props.holiday} />
      <section aria-labelledby="calendar-delete-heading">
        <h3 id="calendar-delete-heading">{t('common.delete')}</h3>
        {props.usedBy.length ? (
          <p class="muted">{t('admin_sla.calendar.used_by', { count: props.usedBy.length, names: props.usedBy.join(', ') })}</p>
        ) : (
          <p class="muted">{t('admin_sla.calendar.unused')}</p>
        )}
        <button type="button" class="secondary" hx-post={`${base}/delete`} hx-confirm={t('admin_sla.calendar.delete_confirm', { name: calendar.name })} {...SWAP}>
          {t('admin_sla.calendar.delete_submit')}
        </button>
      </section>
    </div>
  );
}

/** Name, zone, around the clock, and the weekly hours: each day's intervals plus one blank row to add another. */
function CalendarFields(props: { form: FormState }) {
  const { form } = props;
  const days = slotsFromValues(form.values);
  return (
    <>
      <TextField form="calendar" label={t('admin_sla.col.name')} name="name" required maxlength={100} state={form} />
      <TextField form="calendar" label={t('admin_sla.col.time_zone')} name="time_zone" required list="time-zones" autocomplete="off" state={form} hint={t('admin_sla.calendar.time_zone_hint')} />
      <TimeZoneList id="time-zones" />
      <CheckboxField form="calendar" label={t('admin_sla.calendar.always_open')} name="always_open" checked={form.values.always_open === 'on'} state={form} />
      <fieldset class="field" aria-describedby="calendar-weekly-hint">
        <legend>
          <span>{t('admin_sla.calendar.opening_hours')}</span>
        </legend>
        <div class="hint" id="calendar-weekly-hint">
          {t('admin_sla.calendar.opening_hours_hint')}
        </div>
        {form.errors.weekly ? (
          <div class="field-error" id="calendar-weekly-error" role="alert">
            {form.errors.weekly}
          </div>
        ) : null}
        <div class="week">
          {WEEKDAYS.map((weekday) => {
            const day = weekdayName(weekday);
            const slots = [...(days.get(weekday) ?? []), { start: '', end: '' }];
            return (
              <div class="day" role="group" aria-label={day}>
                <span class="day-name">{day}</span>
                <div class="slots">
                  {slots.map((s, i) => (
                    <Slot weekday={weekday} day={day} index={i} start={s.start} end={s.end} errors={form.errors} />
                  ))}
                </div>
              </div>
            );
          })}
        </div>
      </fieldset>
    </>
  );
}

function Slot(props: { weekday: number; day: string; index: number; start: string; end: string; errors: Record<string, string> }) {
  const start = slotField('start', props.weekday, props.index);
  const end = slotField('end', props.weekday, props.index);
  const error = props.errors[start] ?? props.errors[end];
  const errorId = `calendar-${props.errors[start] ? start : end}-error`;
  const invalid = (name: string) => (props.errors[name] ? 'true' : undefined);
  return (
    <div class="slot-wrap">
      <div class="slot">
        <label class="sr-only" for={`calendar-${start}`}>
          {t('admin_sla.calendar.opens_label', { day: props.day, n: props.index + 1 })}
        </label>
        <input type="time" id={`calendar-${start}`} name={start} value={props.start} aria-invalid={invalid(start)} aria-describedby={error ? errorId : undefined} />
        <span aria-hidden="true">{t('admin_sla.calendar.to')}</span>
        <label class="sr-only" for={`calendar-${end}`}>
          {t('admin_sla.calendar.closes_label', { day: props.day, n: props.index + 1 })}
        </label>
        <input type="time" id={`calendar-${end}`} name={end} value={props.end} aria-invalid={invalid(end)} aria-describedby={error ? errorId : undefined} />
      </div>
      {error ? (
        <div class="field-error" id={errorId}>
          {error}
        </div>
      ) : null}
    </div>
  );
}

export interface HolidayState {
  form?: FormState;
  notice?: string | undefined;
  error?: string | undefined;
}

/** A calendar's closed days with a remove button each, and the form to add one; its forms swap only this section. */
export function HolidaysSection(props: { calendar: CalendarJson; state?: HolidayState | undefined }) {
  const { calendar } = props;
  const state = props.state ?? {};
  const form = state.form ?? EMPTY_FORM;
  const base = `/app/admin/sla/calendars/${calendar.id}/holidays`;
  const swap = { 'hx-target': '#holidays', 'hx-swap': 'outerHTML' } as const;
  const holidays = [...calendar.holidays].sort((a, b) => (a.recurring ? a.date.slice(5) : a.date).localeCompare(b.recurring ? b.date.slice(5) : b.date) || Number(b.recurring) - Number(a.recurring));
  return (
    <section id="holidays" aria-labelledby="holidays-heading">
      <h3 id="holidays-heading">{t('admin_sla.col.holidays')}</h3>
      <Outcome notice={state.notice} error={state.error} />
      {holidays.length === 0 ? (
        <p class="muted">{t('admin_sla.holidays.empty')}</p>
      ) : (
        <TableScroll label={t('admin_sla.holidays.table_label')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('admin_sla.holidays.date')}</th>
                <th scope="col">{t('admin_sla.col.name')}</th>
                <th scope="col">{t('admin_sla.holidays.repeats')}</th>
                <th scope="col">
                  <span class="sr-only">{t('common.remove')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {holidays.map((h) => {
                const when = holidayDate(h.date, h.recurring);
                return (
                  <tr>
                    <td>
                      <time datetime={h.date}>{when}</time>
                    </td>
                    <td>{h.name ?? <span class="muted">—</span>}</td>
                    <td>{h.recurring ? t('admin_sla.holidays.every_year') : t('admin_sla.holidays.once')}</td>
                    <td>
                      <button
                        type="button"
                        class="secondary"
                        hx-post={`${base}/remove`}
                        hx-vals={JSON.stringify({ date: h.date, recurring: h.recurring ? 'on' : 'off' })}
                        {...swap}
                        aria-label={h.name ? t('admin_sla.holidays.remove_named_label', { name: h.name, date: when }) : t('admin_sla.holidays.remove_label', { date: when })}
                      >
                        {t('common.remove')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
      <form class="card stack" method="post" action={base} hx-post={base} {...swap}>
        <h4>{t('admin_sla.holidays.add_heading')}</h4>
        <div class="inline-form">
          <TextField form="holiday" label={t('admin_sla.holidays.date')} name="date" type="date" required state={form} />
          <TextField form="holiday" label={t('admin_sla.holidays.name_optional')} name="name" maxlength={100} state={form} />
        </div>
        <CheckboxField form="holiday" label={t('admin_sla.holidays.recurring')} name="recurring" checked={form.values.recurring === 'on'} state={form} />
        <Submit>{t('admin_sla.holidays.add_submit')}</Submit>
      </form>
    </section>
  );
}
