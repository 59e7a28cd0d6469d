import { requiredFromChoices } from '#lib/custom-fields/definition-form.ts';
import { CHOICE_TYPES, type FieldRow } from '#lib/custom-fields/definitions.ts';
import { fieldTypeLabel } from '#lib/custom-fields/type-labels.ts';
import { statusLabel } from '#lib/i18n/labels.ts';
import { t, tRich } from '#lib/i18n/translate.ts';
import { TICKET_STATUSES } from '#lib/tickets/model.ts';
import { PATTERN_EXAMPLE } from './fields.tsx';
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
        <a href="/app/admin/fields">{t('admin_fields.field.back')}</a>
      </p>
      <Outcome notice={state.notice} error={state.error} />
      <h2>{t('admin_fields.field.heading', { label: f.label })}</h2>
      <p class="muted">{tRich('admin_fields.field.key_and_type', { key: f.key, type: fieldTypeLabel(f.type), code: (chunks) => <code>{chunks}</code> })}</p>
      {f.archived_at ? (
        <section aria-labelledby="field-archived-heading" class="card">
          <h3 id="field-archived-heading">{t('admin_fields.field.archived_heading')}</h3>
          <p>{tRich('admin_fields.field.archived_at', { when: <When at={f.archived_at} /> })}</p>
          <button type="button" hx-post={`${base}/unarchive`} {...SWAP}>
            {t('admin_fields.action.unarchive')}
          </button>
        </section>
      ) : (
        <>
          <form class="card stack" method="post" action={base} hx-post={base} {...SWAP}>
            <FieldFields field={f} form={props.form} />
            <Submit>{t('admin_fields.field.save')}</Submit>
          </form>
          <section aria-labelledby="field-archive-heading">
            <h3 id="field-archive-heading">{t('admin_fields.action.archive')}</h3>
            <p class="muted">{t('admin_fields.field.archive_intro')}</p>
            <button type="button" class="secondary" hx-post={`${base}/archive`} hx-confirm={t('admin_fields.field.archive_confirm', { label: f.label })} {...SWAP}>
              {t('admin_fields.field.archive_submit')}
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
      <TextField form="field" label={t('admin_fields.col.label')} name="label" required maxlength={200} state={form} />
      {CHOICE_TYPES.includes(field.type) ? (
        <TextArea
          form="field"
          label={t('admin_fields.form.options')}
          name="options"
          rows={Math.min(12, Math.max(4, field.options.length + 2))}
          state={form}
          hint={t('admin_fields.field.options_hint')}
        />
      ) : null}
      {field.type === 'regex' ? (
        <TextField form="field" label={t('admin_fields.form.pattern')} name="pattern" required maxlength={300} state={form} hint={t('admin_fields.field.pattern_hint', { example: PATTERN_EXAMPLE })} />
      ) : null}
      <SelectField
        form="field"
        label={t('admin_fields.field.required_label')}
        name="required_from"
        options={requiredFromChoices()}
        state={form}
        hint={t('admin_fields.field.required_hint', { statuses: TICKET_STATUSES.map(statusLabel).join(' → ') })}
      />
      <CheckboxField form="field" label={t('admin_fields.form.visible')} name="visible_to_customers" checked={form.values.visible_to_customers === 'on'} state={form} />
    </>
  );
}
