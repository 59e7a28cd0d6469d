import type { FieldRow } from '../../lib/tickets/field-definitions.ts';
import { CUSTOM_FIELD_TYPES } from '../../lib/tickets/custom-fields.ts';
import { CheckboxField, EMPTY_FORM, Outcome, SelectField, Submit, TextArea, TextField, type FormState } from './form.tsx';

const TYPE_LABELS: Record<string, string> = {
  text: 'Text', textarea: 'Long text', integer: 'Whole number', decimal: 'Decimal number', date: 'Date', checkbox: 'Checkbox',
  dropdown: 'Dropdown (one option)', multi_select: 'Multi-select (several options)', regex: 'Text matching a pattern',
};

/** The Custom fields page's body: the fields in display order, and the form that adds one. */
export function FieldsBody(props: { fields: FieldRow[]; form?: FormState; notice?: string | undefined; error?: string | undefined }) {
  const form = props.form ?? EMPTY_FORM;
  return (
    <div id="admin-body">
      <Outcome notice={props.notice} error={props.error} />
      <section aria-labelledby="fields-heading">
        <h2 id="fields-heading">Ticket fields</h2>
        {props.fields.length === 0 ? (
          <p class="muted">No custom fields yet. Add one below; it appears on every ticket, and on the portal's form if customers may see it.</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Label</th>
                  <th scope="col">Key</th>
                  <th scope="col">Type</th>
                  <th scope="col">Customers see it</th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {props.fields.map((f) => (
                  <tr>
                    <td>{f.label}</td>
                    <td>
                      <code>{f.key}</code>
                    </td>
                    <td>
                      {TYPE_LABELS[f.type] ?? f.type}
                      {f.options.length ? <div class="muted small">{f.options.join(', ')}</div> : null}
                    </td>
                    <td>{f.visible_to_customers ? 'Yes' : 'No'}</td>
                    <td>{f.archived_at ? <span class="badge">Archived</span> : <span class="badge badge-ok">Active</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="new-field-heading">
        <h2 id="new-field-heading">Add a field</h2>
        <form class="card stack" method="post" action="/app/admin/fields" hx-post="/app/admin/fields" hx-target="#admin-body" hx-swap="outerHTML">
          <TextField form="field" label="Label" name="label" required maxlength={200} state={form} hint="What people see, e.g. Order number." />
          <TextField form="field" label="Key" name="key" required maxlength={63} state={form} hint="For the API and filters: a-z, 0-9 and _, e.g. order_number. It cannot change later." />
          <SelectField form="field" label="Type" name="type" options={CUSTOM_FIELD_TYPES.map((t) => [t, TYPE_LABELS[t] ?? t] as const)} state={form} />
          <TextArea form="field" label="Options" name="options" rows={3} state={form} hint="Dropdown and multi-select only: one option per line." />
          <TextField form="field" label="Pattern" name="pattern" state={form} hint="Pattern type only: a regular expression, e.g. ^[A-Z]{2}-\d+$." />
          <CheckboxField form="field" label="Customers see and fill in this field" name="visible_to_customers" checked={form.values.visible_to_customers === 'on'} state={form} />
          <Submit>Add field</Submit>
        </form>
      </section>
    </div>
  );
}
