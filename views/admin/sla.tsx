import type { CalendarJson } from '#lib/sla/calendar-store.ts';
import type { PolicyJson } from '#lib/sla/policies.ts';
import type { SlaState } from '#lib/pages/sla-list-change.ts';
import { Outcome } from './form.tsx';
import { TableScroll } from '#views/table-scroll.tsx';
import { calendarHours, conditionsSummary, targetsSummary } from './sla-summary.ts';

const SWAP = { 'hx-target': '#admin-body', 'hx-swap': 'outerHTML' } as const;

/** The SLA page's body: calendars with their hours, and policies in the order they are tried with their row actions. */
export function SlaBody(props: { calendars: CalendarJson[]; policies: PolicyJson[]; teams: { id: string; name: string }[]; state?: SlaState }) {
  const state = props.state ?? {};
  const names = new Map(props.calendars.map((c) => [c.id, c.name]));
  const teamNames = new Map(props.teams.map((t) => [t.id, t.name]));
  return (
    <div id="admin-body">
      <Outcome notice={state.notice} error={state.error} />
      <section aria-labelledby="calendars-heading">
        <h2 id="calendars-heading">Business calendars</h2>
        <p class="muted small">A calendar says when the business-hours clock runs: its time zone, weekly opening hours and holidays.</p>
        {props.calendars.length === 0 ? (
          <p class="muted">No calendars yet. A policy counts business time in one: add one first.</p>
        ) : (
          <TableScroll label="Table of business calendars">
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
                    <td>
                      <a href={`/app/admin/sla/calendars/${c.id}`}>{c.name}</a>
                    </td>
                    <td>{c.time_zone}</td>
                    <td class="small">{calendarHours(c)}</td>
                    <td>{c.holidays.length}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        <p>
          <a class="button secondary" href="/app/admin/sla/calendars/new">
            New calendar
          </a>
        </p>
      </section>
      <section aria-labelledby="policies-heading">
        <h2 id="policies-heading">Policies</h2>
        <p class="muted small">The first active policy whose conditions match a ticket sets its targets. Saving a calendar or policy re-computes the open tickets in the background.</p>
        {props.policies.length === 0 ? (
          <p class="muted">No policies yet: tickets have no SLA targets.</p>
        ) : (
          <TableScroll label="Table of SLA policies">
            <table>
              <thead>
                <tr>
                  <th scope="col">Order</th>
                  <th scope="col">Name</th>
                  <th scope="col">Applies to</th>
                  <th scope="col">Targets</th>
                  <th scope="col">State</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {props.policies.map((p, i) => (
                  <PolicyRow policy={p} order={i + 1} last={i === props.policies.length - 1} calendar={names.get(p.calendar_id) ?? p.calendar_id} teamNames={teamNames} />
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {props.calendars.length ? (
          <p>
            <a class="button secondary" href="/app/admin/sla/policies/new">
              New policy
            </a>
          </p>
        ) : null}
      </section>
    </div>
  );
}

function PolicyRow(props: { policy: PolicyJson; order: number; last: boolean; calendar: string; teamNames: ReadonlyMap<string, string> }) {
  const p = props.policy;
  const base = `/app/admin/sla/policies/${p.id}`;
  return (
    <tr id={`policy-${p.id}`}>
      <td>{props.order}</td>
      <td>
        <a href={base}>{p.name}</a>
        <div class="muted small">{`Calendar: ${props.calendar}`}</div>
      </td>
      <td class="small">{conditionsSummary(p, props.teamNames)}</td>
      <td class="small">{targetsSummary(p)}</td>
      <td>{p.active ? <span class="badge badge-ok">Active</span> : <span class="badge badge-off">Off</span>}</td>
      <td>
        <div class="row-actions">
          <button type="button" class="secondary" hx-post={`${base}/move`} hx-vals='{"direction":"up"}' {...SWAP} disabled={props.order === 1} aria-label={`Move ${p.name} up`}>
            Up
          </button>
          <button type="button" class="secondary" hx-post={`${base}/move`} hx-vals='{"direction":"down"}' {...SWAP} disabled={props.last} aria-label={`Move ${p.name} down`}>
            Down
          </button>
          <button
            type="button"
            class="secondary"
            hx-post={`${base}/active`}
            hx-vals={p.active ? '{"active":"off"}' : '{"active":"on"}'}
            {...SWAP}
            aria-label={`${p.active ? 'Disable' : 'Enable'} ${p.name}`}
          >
            {p.active ? 'Disable' : 'Enable'}
          </button>
          <button
            type="button"
            class="secondary"
            hx-post={`${base}/delete`}
            hx-confirm={`Delete the policy ${p.name}? Its tickets are matched again without it.`}
            {...SWAP}
            aria-label={`Delete ${p.name}`}
          >
            Delete
          </button>
        </div>
      </td>
    </tr>
  );
}
