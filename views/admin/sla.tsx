import type { CalendarJson } from '../../lib/sla/calendar-store.ts';
import type { PolicyJson } from '../../lib/sla/policies.ts';
import { CheckboxField, EMPTY_FORM, Outcome, Submit, TextField, type FormState } from './form.tsx';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function hours(c: CalendarJson): string {
  if (c.always_open) return 'Open around the clock';
  return c.weekly.map((i) => `${DAYS[i.weekday - 1]} ${i.start}–${i.end}`).join(', ');
}

function targets(p: PolicyJson): string {
  return Object.entries(p.targets)
    .map(([priority, t]) => `${priority}: ${Object.entries(t ?? {}).map(([metric, x]) => `${metric.replace('_', ' ')} ${x?.minutes} min${x?.business_hours ? ' (business)' : ''}`).join(', ')}`)
    .join('; ');
}

/** The SLA page's body: calendars with their hours, policies in the order they are tried, and a new-calendar form. */
export function SlaBody(props: { calendars: CalendarJson[]; policies: PolicyJson[]; form?: FormState; notice?: string | undefined; error?: string | undefined }) {
  const form = props.form ?? EMPTY_FORM;
  const names = new Map(props.calendars.map((c) => [c.id, c.name]));
  const fresh = Object.keys(form.values).length === 0;
  return (
    <div id="admin-body">
      <Outcome notice={props.notice} error={props.error} />
      <section aria-labelledby="calendars-heading">
        <h2 id="calendars-heading">Business calendars</h2>
        {props.calendars.length === 0 ? <p class="muted">No calendars yet. A policy counts business time in one; add one below.</p> : null}
        {props.calendars.length ? (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Time zone</th>
                  <th scope="col">Hours</th>
                  <th scope="col">Holidays</th>
                </tr>
              </thead>
              <tbody>
                {props.calendars.map((c) => (
                  <tr>
                    <td>{c.name}</td>
                    <td>{c.time_zone}</td>
                    <td class="small">{hours(c)}</td>
                    <td>{c.holidays.length}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <form class="card stack" method="post" action="/app/admin/sla/calendars" hx-post="/app/admin/sla/calendars" hx-target="#admin-body" hx-swap="outerHTML">
          <h3>New calendar</h3>
          <TextField form="calendar" label="Name" name="name" required maxlength={100} state={form} />
          <TextField form="calendar" label="Time zone" name="time_zone" required state={fresh ? { ...form, values: { time_zone: 'UTC' } } : form} hint="An IANA time zone, e.g. Europe/Berlin." />
          <CheckboxField form="calendar" label="Open around the clock" name="always_open" checked={form.values.always_open === 'on'} state={form} />
          <fieldset class="field">
            <legend>
              <span>Open on</span>
            </legend>
            <div class="checks">
              {DAYS.map((d, i) => (
                <label class="check">
                  <input type="checkbox" name={`day_${i + 1}`} value="on" checked={fresh ? i < 5 : form.values[`day_${i + 1}`] === 'on'} /> {d}
                </label>
              ))}
            </div>
          </fieldset>
          <div class="inline-form">
            <TextField form="calendar" label="From" name="start" type="time" state={fresh ? { ...form, values: { start: '09:00' } } : form} />
            <TextField form="calendar" label="To" name="end" type="time" state={fresh ? { ...form, values: { end: '17:00' } } : form} />
          </div>
          {form.errors.weekly ? <p class="field-error">{form.errors.weekly}</p> : null}
          <Submit>Add calendar</Submit>
        </form>
      </section>
      <section aria-labelledby="policies-heading">
        <h2 id="policies-heading">Policies</h2>
        <p class="muted small">The first active policy whose conditions match a ticket sets its targets. Create and order policies with the /api/v1/sla/policies API.</p>
        {props.policies.length === 0 ? (
          <p class="muted">No policies yet: tickets have no SLA targets.</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Order</th>
                  <th scope="col">Name</th>
                  <th scope="col">Calendar</th>
                  <th scope="col">Targets</th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {props.policies.map((p, i) => (
                  <tr>
                    <td>{i + 1}</td>
                    <td>{p.name}</td>
                    <td>{names.get(p.calendar_id) ?? p.calendar_id}</td>
                    <td class="small">{targets(p)}</td>
                    <td>{p.active ? <span class="badge badge-ok">Active</span> : <span class="badge">Off</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
