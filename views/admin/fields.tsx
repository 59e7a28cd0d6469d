import { REQUIRED_FROM_CHOICES } from '#lib/custom-fields/definition-form.ts';
import type { FieldRow } from '#lib/custom-fields/definitions.ts';
import { CUSTOM_FIELD_TYPES } from '#lib/custom-fields/values.ts';
import { CheckboxField, EMPTY_FORM, Outcome, SelectField, Submit, TextArea, TextField } from './form.tsx';
import type { FormState } from '#lib/pages/form-state.ts';
import { TableScroll } from '#views/table-scroll.tsx';

export const TYPE_LABELS: Record<string, string> = {
  text: 'Text',
  textarea: 'Long text',
  integer: 'Whole number',
  decimal: 'Decimal number',
  date: 'Date',
  checkbox: 'Checkbox',
  dropdown: 'Dropdown (one option)',
  multi_select: 'Multi-select (several options)',
  regex: 'Text matching a pattern',
};

const SWAP = { 'hx-target': '#admin-body', 'hx-swap': 'outerHTML' } as const;

/** When a field is required, in words. */
const requiredWords = (f: FieldRow) => (f.required_from ? `From ${REQUIRED_FROM_CHOICES.find(([v]) => v === f.required_from)?.[1] ?? f.required_from}` : 'No');

/** The Custom fields page's body: live fields in display order with their row actions, archived ones, and the form that adds one. */
export function FieldsBody(props: { fields: FieldRow[]; form?: FormState; notice?: string | undefined; error?: string | undefined }) {
  const form = props.form ?? EMPTY_FORM;
  const live = props.fields.filter((f) => !f.archived_at);
  const archived = props.fields.filter((f) => f.archived_at);
  return (
    <div id="admin-body">
      <Outcome notice={props.notice} error={props.error} />
      <section aria-labelledby="fields-heading">
        <h2 id="fields-heading">Ticket fields</h2>
        {live.length === 0 ? (
          <p class="muted">No custom fields yet. Add one below; it appears on every ticket, and on the portal's form if customers may see it.</p>
        ) : (
          <TableScroll label="Table of ticket fields">
            <table>
              <thead>
                <tr>
                  <th scope="col">Label</th>
                  <th scope="col">Key</th>
                  <th scope="col">Type</th>
                  <th scope="col">Customers see it</th>
                  <th scope="col">Required</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {live.map((f, i) => (
                  <FieldRowView field={f} first={i === 0} last={i === live.length - 1} />
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
      {archived.length ? (
        <section aria-labelledby="archived-fields-heading">
          <h2 id="archived-fields-heading">Archived fields</h2>
          <p class="muted small">Not shown, checked or required; tickets keep their values and the key stays taken. Unarchived, a field comes back last.</p>
          <TableScroll label="Table of archived fields">
            <table>
              <thead>
                <tr>
                  <th scope="col">Label</th>
                  <th scope="col">Key</th>
                  <th scope="col">Type</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {archived.map((f) => (
                  <tr id={`field-${f.id}`}>
                    <td>
                      <a href={`/app/admin/fields/${f.id}`}>{f.label}</a>
                    </td>
                    <td>
                      <code>{f.key}</code>
                    </td>
                    <td>{TYPE_LABELS[f.type] ?? f.type}</td>
                    <td>
                      <button type="button" class="secondary" hx-post={`/app/admin/fields/${f.id}/unarchive`} {...SWAP} aria-label={`Unarchive ${f.label}`}>
                        Unarchive
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      ) : null}
      <section aria-labelledby="new-field-heading">
        <h2 id="new-field-heading">Add a field</h2>
        <form class="card stack" method="post" action="/app/admin/fields" hx-post="/app/admin/fields" {...SWAP}>
          <TextField form="field" label="Label" name="label" required maxlength={200} state={form} hint="What people see, e.g. Order number." />
          <TextField form="field" label="Key" name="key" required maxlength={63} state={form} hint="For the API and filters: a-z, 0-9 and _, e.g. order_number. It cannot change later." />
          <SelectField form="field" label="Type" name="type" options={CUSTOM_FIELD_TYPES.map((t) => [t, TYPE_LABELS[t] ?? t] as const)} state={form} />
          <TextArea form="field" label="Options" name="options" rows={3} state={form} hint="Dropdown and multi-select only: one option per line." />
          <TextField form="field" label="Pattern" name="pattern" state={form} hint="Pattern type only: a regular expression in RE2 syntax, e.g. ^[A-Z]{2}-\d+$." />
          <CheckboxField form="field" label="Customers see and fill in this field" name="visible_to_customers" checked={form.values.visible_to_customers === 'on'} state={form} />
          <Submit>Add field</Submit>
        </form>
      </section>
    </div>
  );
}

function FieldRowView(props: { field: FieldRow; first: boolean; last: boolean }) {
  const f = props.field;
  const base = `/app/admin/fields/${f.id}`;
  return (
    <tr id={`field-${f.id}`}>
      <td>
        <a href={base}>{f.label}</a>
      </td>
      <td>
        <code>{f.key}</code>
      </td>
      <td>
        {TYPE_LABELS[f.type] ?? f.type}
        {f.options.length ? <div class="muted small">{f.options.join(', ')}</div> : null}
        {f.pattern ? (
          <div class="muted small">
            <code>{f.pattern}</code>
          </div>
        ) : null}
      </td>
      <td>{f.visible_to_customers ? 'Yes' : 'No'}</td>
      <td>{requiredWords(f)}</td>
      <td>
        <div class="row-actions">
          <button type="button" class="secondary" hx-post={`${base}/move`} hx-vals='{"direction":"up"}' {...SWAP} disabled={props.first} aria-label={`Move ${f.label} up`}>
            Up
          </button>
          <button type="button" class="secondary" hx-post={`${base}/move`} hx-vals='{"direction":"down"}' {...SWAP} disabled={props.last} aria-label={`Move ${f.label} down`}>
            Down
          </button>
          <button
            type="button"
            class="secondary"
            hx-post={`${base}/archive`}
            hx-confirm={`Archive the field ${f.label}? Tickets keep their values; it is no longer shown or required.`}
            {...SWAP}
            aria-label={`Archive ${f.label}`}
          >
            Archive
          </button>
        </div>
      </td>
    </tr>
  );
}
