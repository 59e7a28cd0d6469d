import type { QueueForm } from '#lib/agent-app/queue-query.ts';
import type { CustomFieldDef } from '#lib/custom-fields/values.ts';
import { priorityLabel, statusLabel } from '#lib/i18n/labels.ts';
import type { MessageKey } from '#lib/i18n/locales.ts';
import { t } from '#lib/i18n/translate.ts';
import type { StaffMember } from '#lib/staff/assignable.ts';
import type { TeamJson } from '#lib/teams/team.ts';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '#lib/tickets/model.ts';
import { SORT_LABELS } from './sort-labels.ts';

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

/** The form's text and date filters: field name, its label, its input type. */
const TEXTS: readonly (readonly [name: string, label: MessageKey, type: string])[] = [
  ['tag', 'queue.field.tag', 'text'],
  ['requester', 'queue.filter.requester_email', 'email'],
  ['q', 'queue.filter.words', 'search'],
];
const RANGES: readonly (readonly [name: string, label: MessageKey])[] = [
  ['created_from', 'queue.filter.created_from'],
  ['created_to', 'queue.filter.created_to'],
  ['updated_from', 'queue.filter.updated_from'],
  ['updated_to', 'queue.filter.updated_to'],
];

/** A custom field as a filter: its options for choice fields, yes/no for a checkbox, else text. */
function FieldFilter(props: { def: CustomFieldDef; form: QueueForm; any: Choice }) {
  const { def } = props;
  const name = `cf.${def.key}`;
  if (def.type === 'dropdown' || def.type === 'multi_select') {
    return <Select name={name} label={def.label} form={props.form} choices={[props.any, ...def.options.map((o) => [o, o] as const)]} />;
  }
  if (def.type === 'checkbox') return <Select name={name} label={def.label} form={props.form} choices={[props.any, ['true', t('common.yes')], ['false', t('common.no')]]} />;
  return <Text name={name} label={def.label} form={props.form} type={def.type === 'date' ? 'date' : 'text'} />;
}

/**
 * The queue's filters as a GET form: a plain submit loads the page with them in the URL (so it
 * can be shared and reloaded); htmx swaps just the queue and pushes that URL.
 */
export function FilterForm(props: { form: QueueForm; staff: readonly StaffMember[]; teams: readonly TeamJson[]; fields: readonly CustomFieldDef[] }) {
  const { form } = props;
  const any: Choice = ['', t('queue.filter.any')];
  return (
    <form id="queue-filters" class="filters" action="/app/queues" method="get" hx-get="/app/queues" hx-target="#queue" hx-select="#queue" hx-swap="outerHTML" hx-push-url="true">
      <Select name="status" label={t('queue.field.status')} form={form} choices={[any, ['unsolved', t('queue.filter.unsolved')], ...TICKET_STATUSES.map((s) => [s, statusLabel(s)] as const)]} />
      <Select name="priority" label={t('queue.field.priority')} form={form} choices={[any, ...TICKET_PRIORITIES.map((p) => [p, priorityLabel(p)] as const)]} />
      <Select
        name="assignee"
        label={t('queue.field.assignee')}
        form={form}
        choices={[['', t('queue.filter.anyone')], ['me', t('queue.me')], ['none', t('common.unassigned')], ...props.staff.map((s) => [s.id, s.name] as const)]}
      />
      <Select name="team" label={t('queue.field.team')} form={form} choices={[any, ['none', t('queue.filter.no_team')], ...props.teams.map((team) => [team.id, team.name] as const)]} />
      {TEXTS.map(([name, label, type]) => (
        <Text name={name} label={t(label)} form={form} type={type} />
      ))}
      {props.fields.map((def) => (
        <FieldFilter def={def} form={form} any={any} />
      ))}
      {RANGES.map(([name, label]) => (
        <Text name={name} label={t(label)} form={form} type="date" />
      ))}
      <Select name="sort" label={t('queue.filter.sort')} form={form} choices={SORT_LABELS.map(([value, label]) => [value, t(label)] as const)} />
      {form.limit ? <input type="hidden" name="limit" value={form.limit} /> : null}
      <div class="filter-actions">
        <button type="submit">{t('queue.filter.apply')}</button>
        <a class="button secondary" href="/app/queues">
          {t('queue.filter.clear')}
        </a>
      </div>
    </form>
  );
}
