import type { CustomFieldDef } from '#lib/custom-fields/values.ts';
import type { StaffMember } from '#lib/staff/assignable.ts';
import type { LinkJson } from '#lib/tickets/links.ts';
import { TICKET_PRIORITIES, TICKET_STATUSES, TICKET_TYPES, type TicketRow } from '#lib/tickets/model.ts';
import type { TicketSlaJson } from '#lib/sla/ticket-state.ts';
import { sidebarVersion } from '#lib/tickets/sidebar-version.ts';
import type { TeamJson } from '#lib/teams/team.ts';
import { liveTrigger } from '#views/live-events.tsx';
import { CustomFieldInput } from './custom-field-input.tsx';
import { label, ticketPath } from './format.ts';
import { Related } from './related.tsx';
import { SlaBadge } from './sla-badge.tsx';
import { Outcome } from '#views/admin/form.tsx';

export interface PropertiesProps {
  ticket: TicketRow;
  fields: CustomFieldDef[];
  teams: TeamJson[];
  assignees: StaffMember[];
  links: LinkJson[];
  mergedFrom: { number: number; subject: string }[];
  sla: TicketSlaJson | null;
  error?: string | undefined;
  notice?: string | undefined;
}

function Choice(props: { name: string; text: string; values: readonly string[]; current: string; none?: string }) {
  return (
    <label for={`prop-${props.name}`}>
      <span>{props.text}</span>
      <select id={`prop-${props.name}`} name={props.name}>
        {props.none !== undefined ? <option value="">{props.none}</option> : null}
        {props.values.map((v) => (
          <option value={v} selected={v === props.current}>
            {label(v)}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * The properties sidebar. Any change saves at once through htmx (no reload) and the answer is
 * this sidebar again, with "Saved" or the reason it was refused; a change by anyone else
 * refreshes it too (a live event). Saves and refreshes wait for each other (one hx-sync queue,
 * on the aside), and a refresh sends the version it has (views/assets/ticket.js), so a refresh
 * that would show nothing new is a 204 and never wipes "Saved." or a field being typed in.
 */
export function Properties(props: PropertiesProps) {
  const n = props.ticket.number;
  // The aside stays and only its content is swapped (see Thread).
  return (
    <aside id="ticket-properties" class="properties" aria-label="Ticket properties" hx-get={ticketPath(n, '/properties')} hx-trigger={liveTrigger(`ticket-${n}`)} hx-swap="innerHTML">
      <PropertiesBody {...props} />
    </aside>
  );
}

/** The sidebar's content: what its GET and POST answer, swapped into `#ticket-properties`. */
export function PropertiesBody(props: PropertiesProps) {
  const { ticket } = props;
  const n = ticket.number;
  return (
    <>
      <form
        hx-post={ticketPath(n, '/properties')}
        hx-trigger="change, submit"
        hx-target="#ticket-properties"
        hx-swap="innerHTML"
        hx-sync="closest aside:queue all"
        data-version={sidebarVersion(props)}
      >
        <h2>Properties</h2>
        <p>
          <SlaBadge sla={props.sla} />
        </p>
        <Choice name="status" text="Status" values={TICKET_STATUSES} current={ticket.status} />
        <Choice name="priority" text="Priority" values={TICKET_PRIORITIES} current={ticket.priority} />
        <Choice name="type" text="Type" values={TICKET_TYPES} current={ticket.type} />
        <label for="prop-assignee">
          <span>Assignee</span>
          <select id="prop-assignee" name="assignee_id">
            <option value="">Unassigned</option>
            {props.assignees.map((a) => (
              <option value={a.id} selected={a.id === ticket.assignee_id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label for="prop-team">
          <span>Team</span>
          <select id="prop-team" name="team_id">
            <option value="">No team</option>
            {props.teams.map((t) => (
              <option value={t.id} selected={t.id === ticket.team_id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label for="prop-tags">
          <span>Tags</span>
          <input id="prop-tags" name="tags" type="text" value={ticket.tags.join(', ')} aria-describedby="prop-tags-hint" />
        </label>
        <p id="prop-tags-hint" class="hint">
          Separate tags with commas.
        </p>
        {props.fields.length ? <h3>Custom fields</h3> : null}
        {props.fields.map((def) => (
          <CustomFieldInput def={def} value={ticket.custom_fields[def.key]} />
        ))}
        <Outcome error={props.error} notice={props.notice} />
        <button type="submit" class="secondary">
          Save
        </button>
      </form>
      <Related mergedInto={ticket.merged_into} mergedFrom={props.mergedFrom} links={props.links} />
    </>
  );
}
