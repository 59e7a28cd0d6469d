import type { CustomFieldDef } from '#lib/custom-fields/values.ts';
import { priorityLabel, statusLabel, typeLabel } from '#lib/i18n/labels.ts';
import { t } from '#lib/i18n/translate.ts';
import type { StaffMember } from '#lib/staff/assignable.ts';
import type { LinkJson } from '#lib/tickets/links.ts';
import { TICKET_PRIORITIES, TICKET_STATUSES, TICKET_TYPES, type TicketRow } from '#lib/tickets/model.ts';
import type { TicketSlaJson } from '#lib/sla/ticket-state.ts';
import { sidebarVersion } from '#lib/tickets/sidebar-version.ts';
import type { TeamJson } from '#lib/teams/team.ts';
import { liveTrigger } from '#views/live-events.tsx';
import { CustomFieldInput } from './custom-field-input.tsx';
import { ticketPath } from './format.ts';
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

function Choice(props: { name: string; text: string; values: readonly string[]; current: string; word: (value: string) => string }) {
  return (
    <label for={`prop-${props.name}`}>
      <span>{props.text}</span>
      <select id={`prop-${props.name}`} name={props.name}>
        {props.values.map((v) => (
          <option value={v} selected={v === props.current}>
            {props.word(v)}
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
    <aside id="ticket-properties" class="properties" aria-label={t('ticket.properties.label')} hx-get={ticketPath(n, '/properties')} hx-trigger={liveTrigger(`ticket-${n}`)} hx-swap="innerHTML">
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
        <h2>{t('ticket.properties.title')}</h2>
        <p>
          <SlaBadge sla={props.sla} />
        </p>
        <Choice name="status" text={t('ticket.field.status')} values={TICKET_STATUSES} current={ticket.status} word={statusLabel} />
        <Choice name="priority" text={t('ticket.field.priority')} values={TICKET_PRIORITIES} current={ticket.priority} word={priorityLabel} />
        <Choice name="type" text={t('ticket.field.type')} values={TICKET_TYPES} current={ticket.type} word={typeLabel} />
        <label for="prop-assignee">
          <span>{t('ticket.field.assignee')}</span>
          <select id="prop-assignee" name="assignee_id">
            <option value="">{t('common.unassigned')}</option>
            {props.assignees.map((a) => (
              <option value={a.id} selected={a.id === ticket.assignee_id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label for="prop-team">
          <span>{t('ticket.field.team')}</span>
          <select id="prop-team" name="team_id">
            <option value="">{t('ticket.no_team')}</option>
            {props.teams.map((team) => (
              <option value={team.id} selected={team.id === ticket.team_id}>
                {team.name}
              </option>
            ))}
          </select>
        </label>
        <label for="prop-tags">
          <span>{t('ticket.field.tags')}</span>
          <input id="prop-tags" name="tags" type="text" value={ticket.tags.join(', ')} aria-describedby="prop-tags-hint" />
        </label>
        <p id="prop-tags-hint" class="hint">
          {t('ticket.tags_hint')}
        </p>
        {props.fields.length ? <h3>{t('ticket.field.custom_fields')}</h3> : null}
        {props.fields.map((def) => (
          <CustomFieldInput def={def} value={ticket.custom_fields[def.key]} />
        ))}
        <Outcome error={props.error} notice={props.notice} />
        <button type="submit" class="secondary">
          {t('common.save')}
        </button>
      </form>
      <Related mergedInto={ticket.merged_into} mergedFrom={props.mergedFrom} links={props.links} />
    </>
  );
}
