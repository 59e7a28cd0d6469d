import type { StaffMember } from '#lib/staff/assignable.ts';
import type { QueueForm } from '#lib/agent-app/queue-query.ts';
import type { CustomFieldDef } from '#lib/custom-fields/values.ts';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '#lib/tickets/model.ts';
import type { TeamJson } from '#lib/teams/team.ts';
import { statusLabel } from './format.ts';

type Choice = readonly [value: string, label: string];

function Select(props: { name: string; label: string; choices: readonly Choice[]; form: QueueForm }) {
  const current = props.form[props.name] ?? '';
  return (
    <label class="filter">
      <span>{props.label}</span>
      <select name={props.name}>
        {props.choices.map(([value, label]) => (
          <option value={value} selected={value === current}>
            {label}
          </option>
        ))}
      </select>
    </label>
  );
}

function Text(props: { name: string; label: string; form: QueueForm; type?: string; placeholder?: string }) {
  return (
    <label class="filter">
      <span>{props.label}</span>
      <input type={props.type ?? 'text'} name={props.name} value={props.form[props.name] ?? ''} placeholder={props.placeholder} />
    </label>
  );
}

const SORTS: readonly Choice[] = [
  ['updated_desc', 'Recently updated'],
  ['updated_asc', 'Least recently updated'],
  ['created_desc', 'Newest'],
  ['created_asc', 'Oldest'],
];

/** A custom field as a filter: its options for choice fields, yes/no for a checkbox, else text. */
function FieldFilter(props: { def: CustomFieldDef; form: QueueForm }) {
  const { def } = props;
  const name = `cf.${def.key}`;
  if (def.type === 'dropdown' || def.type === 'multi_select') {
    return <Select name={name} label={def.label} form={props.form} choices={[['', 'Any'], ...def.options.map((o) => [o, o] as const)]} />;
  }
  if (def.type === 'checkbox')
    return (
      <Select
        name={name}
        label={def.label}
        form={props.form}
        choices={[
          ['', 'Any'],
          ['true', 'Yes'],
          ['false', 'No'],
        ]}
      />
    );
  return <Text name={name} label={def.label} form={props.form} type={def.type === 'date' ? 'date' : 'text'} />;
}

/**
 * The queue's filters as a GET form: a plain submit loads the page with them in the URL (so it
 * can be shared and reloaded); htmx swaps just the queue and pushes that URL.
 */
export function FilterForm(props: { form: QueueForm; staff: readonly StaffMember[]; teams: readonly TeamJson[]; fields: readonly CustomFieldDef[] }) {
  const { form } = props;
  return (
    <form id="queue-filters" class="filters" action="/app/queues" method="get" hx-get="/app/queues" hx-target="#queue" hx-select="#queue" hx-swap="outerHTML" hx-push-url="true">
      <Select name="status" label="Status" form={form} choices={[['', 'Any'], ['unsolved', 'Unsolved'], ...TICKET_STATUSES.map((s) => [s, statusLabel(s)] as const)]} />
      <Select name="priority" label="Priority" form={form} choices={[['', 'Any'], ...TICKET_PRIORITIES.map((p) => [p, p] as const)]} />
      <Select name="assignee" label="Assignee" form={form} choices={[['', 'Anyone'], ['me', 'Me'], ['none', 'Unassigned'], ...props.staff.map((s) => [s.id, s.name] as const)]} />
      <Select name="team" label="Team" form={form} choices={[['', 'Any'], ['none', 'No team'], ...props.teams.map((t) => [t.id, t.name] as const)]} />
      <Text name="tag" label="Tag" form={form} />
      <Text name="requester" label="Requester email" form={form} type="email" />
      <Text name="q" label="Words" form={form} type="search" />
      {props.fields.map((def) => (
        <FieldFilter def={def} form={form} />
      ))}
      <Text name="created_from" label="Created from" form={form} type="date" />
      <Text name="created_to" label="Created to" form={form} type="date" />
      <Text name="updated_from" label="Updated from" form={form} type="date" />
      <Text name="updated_to" label="Updated to" form={form} type="date" />
      <Select name="sort" label="Sort" form={form} choices={SORTS} />
      {form.limit ? <input type="hidden" name="limit" value={form.limit} /> : null}
      <div class="filter-actions">
        <button type="submit">Apply filters</button>
        <a class="button secondary" href="/app/queues">
          Clear
        </a>
      </div>
    </form>
  );
}
