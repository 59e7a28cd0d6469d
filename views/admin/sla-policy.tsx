import { DURATION_HINT } from '#lib/sla/duration-input.ts';
import { businessField, PAUSABLE, targetField } from '#lib/sla/policy-form.ts';
import { SLA_METRICS, type PolicyJson } from '#lib/sla/policies.ts';
import { TICKET_CHANNELS, TICKET_PRIORITIES, TICKET_TYPES } from '#lib/tickets/model.ts';
import { CheckboxField, Outcome, SelectField, Submit, TextArea, TextField } from './form.tsx';
import type { FormState } from '#lib/pages/form-state.ts';
import { TableScroll } from '#views/table-scroll.tsx';

type Named = { id: string; name: string };

export interface PolicyState {
  notice?: string | undefined;
  error?: string | undefined;
}

const SWAP = { 'hx-target': '#admin-body', 'hx-swap': 'outerHTML' } as const;
const METRIC_LABELS = { first_response: 'First response', next_response: 'Next response', resolution: 'Resolution' } as const;
const label = (s: string) => `${s[0]!.toUpperCase()}${s.slice(1).replace('_', ' ')}`;

function BackLink() {
  return (
    <p class="small">
      <a href="/app/admin/sla">← All calendars and policies</a>
    </p>
  );
}

/** The body of /app/admin/sla/policies/new. */
export function NewPolicyBody(props: { calendars: Named[]; teams: Named[]; form: FormState; error?: string | undefined }) {
  return (
    <div id="admin-body">
      <BackLink />
      <Outcome error={props.error} />
      <h2>New policy</h2>
      <form class="card stack" method="post" action="/app/admin/sla/policies" hx-post="/app/admin/sla/policies" {...SWAP}>
        <PolicyFields calendars={props.calendars} teams={props.teams} form={props.form} />
        <Submit>Create policy</Submit>
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
      <h2>{`Policy: ${policy.name}`}</h2>
      <form class="card stack" method="post" action={base} hx-post={base} {...SWAP}>
        <PolicyFields calendars={props.calendars} teams={props.teams} form={props.form} />
        <Submit>Save policy</Submit>
      </form>
      <section aria-labelledby="policy-delete-heading">
        <h3 id="policy-delete-heading">Delete</h3>
        <p class="muted">Its tickets are matched again against the other policies; targets already breached or met stay recorded.</p>
        <button type="button" class="secondary" hx-post={`${base}/delete`} hx-confirm={`Delete the policy ${policy.name}?`} {...SWAP}>
          Delete policy
        </button>
      </section>
    </div>
  );
}

function PolicyFields(props: { calendars: Named[]; teams: Named[]; form: FormState }) {
  const { form } = props;
  const v = form.values;
  return (
    <>
      <TextField form="policy" label="Name" name="name" required maxlength={100} state={form} />
      <SelectField
        form="policy"
        label="Business calendar"
        name="calendar_id"
        options={props.calendars.map((c) => [c.id, c.name] as const)}
        state={form}
        hint="Business-hours targets count only while this calendar is open."
      />
      <CheckboxField form="policy" label="Active: match tickets to this policy" name="active" checked={v.active === 'on'} state={form} />

      <fieldset class="field" aria-describedby="policy-conditions-hint">
        <legend>
          <span>Applies to</span>
        </legend>
        <div class="hint" id="policy-conditions-hint">
          A ticket must match every group with a choice; within a group, any choice matches. Nothing chosen: every ticket.
        </div>
        {form.errors.conditions ? <div class="field-error">{form.errors.conditions}</div> : null}
        <Checks legend="Priority" prefix="priority" options={TICKET_PRIORITIES.map((p) => [p, label(p)] as const)} values={v} />
        <Checks legend="Type" prefix="type" options={TICKET_TYPES.map((t) => [t, label(t)] as const)} values={v} />
        <Checks legend="Channel" prefix="channel" options={TICKET_CHANNELS.map((c) => [c, c === 'api' ? 'API' : label(c)] as const)} values={v} />
        {props.teams.length ? <Checks legend="Team" prefix="team" options={props.teams.map((t) => [t.id, t.name] as const)} values={v} /> : null}
        <TextField form="policy" label="Tags" name="tags" state={form} hint="Separated by commas or spaces." />
        <TextArea form="policy" label="Requester's company" name="company" rows={2} state={form} hint="One company per line." />
      </fieldset>

      <fieldset class="field" aria-describedby="policy-targets-hint">
        <legend>
          <span>Targets</span>
        </legend>
        <div class="hint" id="policy-targets-hint">
          {`Per priority, durations ${DURATION_HINT} (a bare number is minutes); leave a box empty for no target. Business hours count only while the calendar is open; untick to count every minute.`}
        </div>
        {form.errors.targets ? (
          <div class="field-error" role="alert">
            {form.errors.targets}
          </div>
        ) : null}
        <TableScroll label="Table of targets by priority">
          <table class="targets">
            <thead>
              <tr>
                <th scope="col">Priority</th>
                {SLA_METRICS.map((m) => (
                  <th scope="col">{METRIC_LABELS[m]}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {TICKET_PRIORITIES.map((p) => (
                <tr>
                  <th scope="row">{label(p)}</th>
                  {SLA_METRICS.map((m) => (
                    <TargetCell priority={p} metric={m} form={form} />
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </fieldset>

      <Checks legend="Pause the resolution clock while the ticket is" prefix="pause" options={PAUSABLE.map((s) => [s, label(s)] as const)} values={v} error={form.errors.pause_statuses} />
      <TextField form="policy" label="Warn at (% of the target used)" name="warn_percent" type="number" min={1} max={99} required state={form} />
      <div class="inline-form">
        <SelectField
          form="policy"
          label="On a breach, raise the priority to"
          name="escalate_priority"
          options={[['', 'Leave it'], ...TICKET_PRIORITIES.map((p) => [p, label(p)] as const)]}
          state={form}
        />
        <SelectField form="policy" label="On a breach, move to the team" name="escalate_team_id" options={[['', 'Leave it'], ...props.teams.map((t) => [t.id, t.name] as const)]} state={form} />
      </div>
    </>
  );
}

function TargetCell(props: { priority: string; metric: keyof typeof METRIC_LABELS; form: FormState }) {
  const name = targetField(props.priority, props.metric);
  const business = businessField(props.priority, props.metric);
  const error = props.form.errors[name];
  const what = `${label(props.priority)}: ${METRIC_LABELS[props.metric].toLowerCase()}`;
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
        placeholder="e.g. 4h"
        inputmode="text"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `policy-${name}-error` : undefined}
      />
      <label class="check small">
        <input type="checkbox" name={business} value="on" checked={props.form.values[business] === 'on'} aria-label={`${what} in business hours`} /> business hours
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
