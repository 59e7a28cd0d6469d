import { REQUIRED_FROM_CHOICES } from '#lib/custom-fields/definition-form.ts';
import { CHOICE_TYPES, type FieldRow } from '#lib/custom-fields/definitions.ts';
import { TYPE_LABELS } from './fields.tsx';
import { CheckboxField, Outcome, SelectField, Submit, TextArea, TextField, When } from './form.tsx';
import type { FormState } from '#lib/pages/form-state.ts';

export interface FieldState {
  notice?: string | undefined;
  error?: string | undefined;
}

const SWAP = { 'hx-target': '#admin-body', 'hx-swap': 'outerHTML' } as const;

/**
 * The body of /app/admin/fields/:id: a live field's label, options or pattern, when it is
 * required and who sees it, in one form, and archiving it; an archived field only says so and
 * offers to bring it back (the API changes live fields only).
 */
export function FieldBody(props: { field: FieldRow; form: FormState; state?: FieldState }) {
  const f = props.field;
  const state = props.state ?? {};
  const base = `/app/admin/fields/${f.id}`;
  return (
    <div id="admin-body">
      <p class="small">
        <a href="/app/admin/fields">← All fields</a>
      </p>
      <Outcome notice={state.notice} error={state.error} />
      <h2>{`Field: ${f.label}`}</h2>
      <p class="muted">
        Key <code>{f.key}</code> · {TYPE_LABELS[f.type] ?? f.type}. The key and type never change.
      </p>
      {f.archived_at ? (
        <section aria-labelledby="field-archived-heading" class="card">
          <h3 id="field-archived-heading">Archived</h3>
          <p>
            Archived <When at={f.archived_at} />: not shown, checked or required. Tickets kept their values.
          </p>
          <button type="button" hx-post={`${base}/unarchive`} {...SWAP}>
            Unarchive
          </button>
        </section>
      ) : (
        <>
          <form class="card stack" method="post" action={base} hx-post={base} {...SWAP}>
            <FieldFields field={f} form={props.form} />
            <Submit>Save field</Submit>
          </form>
          <section aria-labelledby="field-archive-heading">
            <h3 id="field-archive-heading">Archive</h3>
            <p class="muted">Tickets keep their values for history; the field is no longer shown, checked or required, and its key stays taken. It can be brought back.</p>
            <button type="button" class="secondary" hx-post={`${base}/archive`} hx-confirm={`Archive the field ${f.label}?`} {...SWAP}>
              Archive field
            </button>
          </section>
        </>
      )}
    </div>
  );
}

function FieldFields(props: { field: FieldRow; form: FormState }) {
  const { field, form } = props;
  return (
    <>
      <TextField form="field" label="Label" name="label" required maxlength={200} state={form} />
      {CHOICE_TYPES.includes(field.type) ? (
        <TextArea
          form="field"
          label="Options"
          name="options"
          rows={Math.min(12, Math.max(4, field.options.length + 2))}
          state={form}
          hint="One per line, in the order shown. Adding and reordering are safe; an option tickets still hold cannot be removed."
        />
      ) : null}
      {field.type === 'regex' ? (
        <TextField
          form="field"
          label="Pattern"
          name="pattern"
          required
          maxlength={300}
          state={form}
          hint="A regular expression in RE2 syntax (no backreferences or lookaround) the value must match, e.g. ^[A-Z]{2}-\d+$. Values tickets hold must match the new one."
        />
      ) : null}
      <SelectField
        form="field"
        label="Required once the ticket is"
        name="required_from"
        options={REQUIRED_FROM_CHOICES}
        state={form}
        hint="Statuses run New → Open → Pending → On hold → Solved → Closed; from the one chosen on, a ticket cannot be saved without this field."
      />
      <CheckboxField form="field" label="Customers see and fill in this field" name="visible_to_customers" checked={form.values.visible_to_customers === 'on'} state={form} />
    </>
  );
}
