import { channelLabel, priorityLabel, statusLabel, typeLabel } from '#lib/i18n/labels.ts';
import type { MessageKey } from '#lib/i18n/locales.ts';
import { t } from '#lib/i18n/translate.ts';
import { businessField, PAUSABLE, targetField } from '#lib/sla/policy-form.ts';
import { SLA_METRICS, type PolicyJson } from '#lib/sla/policies.ts';
import { TICKET_CHANNELS, TICKET_PRIORITIES, TICKET_TYPES } from '#lib/tickets/model.ts';
import { CheckboxField, Outcome, SelectField, Submit, TextArea, TextField } from './form.tsx';
import type { FormState } from '#lib/pages/form-state.ts';
import { TableScroll } from '#views/table-scroll.tsx';

type Named = { id: string; name: string };
type Metric = (typeof SLA_METRICS)[number];

export interface PolicyState {
  notice?: string | undefined;
  error?: string | undefined;
}

const SWAP = { 'hx-target': '#admin-body', 'hx-swap': 'outerHTML' } as const;
const METRIC_LABELS: Record<Metric, MessageKey> = {
  first_response: 'admin_sla.metric.first_response',
  next_response: 'admin_sla.metric.next_response',
  resolution: 'admin_sla.metric.resolution',
};

function BackLink() {
  return (
    <p class="small">
      <a href="/app/admin/sla">{t('admin_sla.back')}</a>
    </p>
  );
}

/** The body of /app/admin/sla/policies/new. */
export function NewPolicyBody(props: { calendars: Named[]; teams: Named[]; form: FormState; error?: string | undefined }) {
  return (
    <div id="admin-body">
      <BackLink />
      <Outcome error={props.error} />
      <h2>{t('admin_sla.policies.new')}</h2>
      <form class="card stack" method="post" action="/app/admin/sla/policies" hx-post="/app/admin/sla/policies" {...SWAP}>
        <PolicyFields calendars={props.calendars} teams={props.teams} form={props.form} />
        <Submit>{t('admin_sla.policy.create')}</Submit>
      </form>
    </div>
  );
}

/** The body of /app/admin/sla/policies/:id: the whole policy in one form, and deleting it. */
export function PolicyBody(props: { policy: PolicyJson; calendars: Named[]; teams: Named[]; form: FormState; state?: PolicyState }) {
  const { policy } = props;
  const state = props.state ?? {};
  const base = `/app/admin/sla/policies/${policy.id}`;
  return (
    <div id="admin-body">
      <BackLink />
      <Outcome notice={state.notice} error={state.error} />
      <h2>{t('admin_sla.policy.heading', { name: policy.name })}</h2>
      <form class="card stack" method="post" action={base} hx-post={base} {...SWAP}>
        <PolicyFields calendars={props.calendars} teams={props.teams} form={props.form} />
        <Submit>{t('admin_sla.policy.save')}</Submit>
      </form>
      <section aria-labelledby="policy-delete-heading">
        <h3 id="policy-delete-heading">{t('common.delete')}</h3>
        <p class="muted">{t('admin_sla.policy.delete_intro')}</p>
        <button type="button" class="secondary" hx-post={`${base}/delete`} hx-confirm={t('admin_sla.policy.delete_confirm', { name: policy.name })} {...SWAP}>
          {t('admin_sla.policy.delete_submit')}
        </button>
      </section>
    </div>
  );
}

function PolicyFields(props: { calendars: Named[]; teams: Named[]; form: FormState }) {
  const { form } = props;
  const v = form.values;
  const leaveIt = ['', t('admin_sla.policy.leave_it')] as const;
  return (
    <>
      <TextField form="policy" label={t('admin_sla.col.name')} name="name" required maxlength={100} state={form} />
      <SelectField
        form="policy"
        label={t('admin_sla.policy.calendar')}
        name="calendar_id"
        options={props.calendars.map((c) => [c.id, c.name] as const)}
        state={form}
        hint={t('admin_sla.policy.calendar_hint')}
      />
      <CheckboxField form="policy" label={t('admin_sla.policy.active')} name="active" checked={v.active === 'on'} state={form} />

      <fieldset class="field" aria-describedby="policy-conditions-hint">
        <legend>
          <span>{t('admin_sla.col.applies_to')}</span>
        </legend>
        <div class="hint" id="policy-conditions-hint">
          {t('admin_sla.policy.conditions_hint')}
        </div>
        {form.errors.conditions ? <div class="field-error">{form.errors.conditions}</div> : null}
        <Checks legend={t('admin_sla.policy.priority')} prefix="priority" options={TICKET_PRIORITIES.map((p) => [p, priorityLabel(p)] as const)} values={v} />
        <Checks legend={t('admin_sla.policy.type')} prefix="type" options={TICKET_TYPES.map((type) => [type, typeLabel(type)] as const)} values={v} />
        <Checks legend={t('admin_sla.policy.channel')} prefix="channel" options={TICKET_CHANNELS.map((c) => [c, channelLabel(c)] as const)} values={v} />
        {props.teams.length ? <Checks legend={t('admin_sla.policy.team')} prefix="team" options={props.teams.map((team) => [team.id, team.name] as const)} values={v} /> : null}
        <TextField form="policy" label={t('admin_sla.policy.tags')} name="tags" state={form} hint={t('admin_sla.policy.tags_hint')} />
        <TextArea form="policy" label={t('admin_sla.policy.company')} name="company" rows={2} state={form} hint={t('admin_sla.policy.company_hint')} />
      </fieldset>

      <fieldset class="field" aria-describedby="policy-targets-hint">
        <legend>
          <span>{t('admin_sla.col.targets')}</span>
        </legend>
        <div class="hint" id="policy-targets-hint">
          {t('admin_sla.policy.targets_hint')}
        </div>
        {form.errors.targets ? (
          <div class="field-error" role="alert">
            {form.errors.targets}
          </div>
        ) : null}
        <TableScroll label={t('admin_sla.policy.targets_table_label')}>
          <table class="targets">
            <thead>
              <tr>
                <th scope="col">{t('admin_sla.policy.priority')}</th>
                {SLA_METRICS.map((m) => (
                  <th scope="col">{t(METRIC_LABELS[m])}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {TICKET_PRIORITIES.map((p) => (
                <tr>
                  <th scope="row">{priorityLabel(p)}</th>
                  {SLA_METRICS.map((m) => (
                    <TargetCell priority={p} metric={m} form={form} />
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </fieldset>

      <Checks legend={t('admin_sla.policy.pause')} prefix="pause" options={PAUSABLE.map((s) => [s, statusLabel(s)] as const)} values={v} error={form.errors.pause_statuses} />
      <TextField form="policy" label={t('admin_sla.policy.warn_percent')} name="warn_percent" type="number" min={1} max={99} required state={form} />
      <div class="inline-form">
        <SelectField
          form="policy"
          label={t('admin_sla.policy.escalate_priority')}
          name="escalate_priority"
          options={[leaveIt, ...TICKET_PRIORITIES.map((p) => [p, priorityLabel(p)] as const)]}
          state={form}
        />
        <SelectField form="policy" label={t('admin_sla.policy.escalate_team')} name="escalate_team_id" options={[leaveIt, ...props.teams.map((team) => [team.id, team.name] as const)]} state={form} />
      </div>
    </>
  );
}

function TargetCell(props: { priority: string; metric: Metric; form: FormState }) {
  const name = targetField(props.priority, props.metric);
  const business = businessField(props.priority, props.metric);
  const error = props.form.errors[name];
  const what = t('admin_sla.policy.target_label', { priority: priorityLabel(props.priority), metric: props.metric });
  return (
    <td>
      <label class="sr-only" for={`policy-${name}`}>
        {what}
      </label>
      <input
        type="text"
        id={`policy-${name}`}
        name={name}
        value={props.form.values[name] ?? ''}
        placeholder={t('admin_sla.policy.target_placeholder')}
        inputmode="text"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `policy-${name}-error` : undefined}
      />
      <label class="check small">
        <input type="checkbox" name={business} value="on" checked={props.form.values[business] === 'on'} aria-label={t('admin_sla.policy.target_business_label', { target: what })} />{' '}
        {t('admin_sla.policy.business_hours')}
      </label>
      {error ? (
        <div class="field-error" id={`policy-${name}-error`}>
          {error}
        </div>
      ) : null}
    </td>
  );
}

/** A group of checkboxes named `<prefix>_<value>`. */
function Checks(props: { legend: string; prefix: string; options: readonly (readonly [string, string])[]; values: Record<string, string>; error?: string | undefined }) {
  const errorId = `policy-${props.prefix}-error`;
  return (
    <fieldset class="field" aria-describedby={props.error ? errorId : undefined}>
      <legend>{props.legend}</legend>
      <div class="checks">
        {props.options.map(([value, text]) => (
          <label class="check">
            <input type="checkbox" name={`${props.prefix}_${value}`} value="on" checked={props.values[`${props.prefix}_${value}`] === 'on'} /> {text}
          </label>
        ))}
      </div>
      {props.error ? (
        <div class="field-error" id={errorId}>
          {props.error}
        </div>
      ) : null}
    </fieldset>
  );
}
