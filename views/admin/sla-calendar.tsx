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
      <a href="/app/admin/sla">← All calendars and policies</a>
    </p>
  );
}

/** The body of /app/admin/sla/calendars/new: the calendar form, empty but for a Monday-to-Friday week. */
export function NewCalendarBody(props: { form: FormState; error?: string | undefined }) {
  return (
    <div id="admin-body">
      <BackLink />
      <Outcome error={props.error} />
      <h2>New calendar</h2>
      <form class="card stack" method="post" action="/app/admin/sla/calendars" hx-post="/app/admin/sla/calendars" {...SWAP}>
        <CalendarFields form={props.form} />
        <Submit>Create calendar</Submit>
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
      <h2>{`Calendar: ${calendar.name}`}</h2>
      <section aria-labelledby="calendar-settings-heading">
        <h3 id="calendar-settings-heading">Time zone and opening hours</h3>
        <form class="card stack" method="post" action={base} hx-post={base} {...SWAP}>
          <CalendarFields form={props.form} />
          <Submit>Save calendar</Submit>
        </form>
      </section>
      <HolidaysSection calendar={calendar} state={props.holiday} />
      <section aria-labelledby="calendar-delete-heading">
        <h3 id="calendar-delete-heading">Delete</h3>
        {props.usedBy.length ? (
          <p class="muted">{`Used by the polic${props.usedBy.length === 1 ? 'y' : 'ies'} ${props.usedBy.join(', ')}: give ${props.usedBy.length === 1 ? 'it' : 'them'} another calendar before deleting this one.`}</p>
        ) : (
          <p class="muted">No policy uses this calendar.</p>
        )}
        <button type="button" class="secondary" hx-post={`${base}/delete`} hx-confirm={`Delete the calendar ${calendar.name}?`} {...SWAP}>
          Delete calendar
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
      <TextField form="calendar" label="Name" name="name" required maxlength={100} state={form} />
      <TextField form="calendar" label="Time zone" name="time_zone" required list="time-zones" autocomplete="off" state={form} hint="An IANA time zone such as Europe/Berlin; type to search." />
      <TimeZoneList id="time-zones" />
      <CheckboxField form="calendar" label="Open around the clock (24/7: the hours below and the holidays are ignored)" name="always_open" checked={form.values.always_open === 'on'} state={form} />
      <fieldset class="field" aria-describedby="calendar-weekly-hint">
        <legend>
          <span>Opening hours</span>
        </legend>
        <div class="hint" id="calendar-weekly-hint">
          In the calendar's time zone. An end at or before the start runs past midnight (22:00 to 06:00 is a night shift). Fill the blank row of a day to add an interval; clear both times to remove
          one.
        </div>
        {form.errors.weekly ? (
          <div class="field-error" id="calendar-weekly-error" role="alert">
            {form.errors.weekly}
          </div>
        ) : null}
        <div class="week">
          {WEEKDAYS.map(([weekday, day]) => {
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
        <label class="sr-only" for={`calendar-${start}`}>{`${props.day}, interval ${props.index + 1}, opens at`}</label>
        <input type="time" id={`calendar-${start}`} name={start} value={props.start} aria-invalid={invalid(start)} aria-describedby={error ? errorId : undefined} />
        <span aria-hidden="true">to</span>
        <label class="sr-only" for={`calendar-${end}`}>{`${props.day}, interval ${props.index + 1}, closes at`}</label>
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

const ONE_OFF = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const YEARLY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' });

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
      <h3 id="holidays-heading">Holidays</h3>
      <Outcome notice={state.notice} error={state.error} />
      {holidays.length === 0 ? (
        <p class="muted">No holidays: the calendar is open on every weekday its hours say.</p>
      ) : (
        <TableScroll label="Table of holidays">
          <table>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Name</th>
                <th scope="col">Repeats</th>
                <th scope="col">
                  <span class="sr-only">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {holidays.map((h) => {
                const at = new Date(`${h.date}T00:00:00Z`);
                const when = h.recurring ? YEARLY.format(at) : ONE_OFF.format(at);
                return (
                  <tr>
                    <td>
                      <time datetime={h.date}>{when}</time>
                    </td>
                    <td>{h.name ?? <span class="muted">—</span>}</td>
                    <td>{h.recurring ? 'Every year' : 'Once'}</td>
                    <td>
                      <button
                        type="button"
                        class="secondary"
                        hx-post={`${base}/remove`}
                        hx-vals={JSON.stringify({ date: h.date, recurring: h.recurring ? 'on' : 'off' })}
                        {...swap}
                        aria-label={`Remove the holiday ${h.name ? `${h.name}, ` : ''}${when}`}
                      >
                        Remove
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
        <h4>Add a holiday</h4>
        <div class="inline-form">
          <TextField form="holiday" label="Date" name="date" type="date" required state={form} />
          <TextField form="holiday" label="Name (optional)" name="name" maxlength={100} state={form} />
        </div>
        <CheckboxField form="holiday" label="Every year on this day (month and day)" name="recurring" checked={form.values.recurring === 'on'} state={form} />
        <Submit>Add holiday</Submit>
      </form>
    </section>
  );
}
