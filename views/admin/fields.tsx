import { requiredWords } from '#lib/custom-fields/definition-form.ts';
import type { FieldRow } from '#lib/custom-fields/definitions.ts';
import { fieldTypeLabel } from '#lib/custom-fields/type-labels.ts';
import { CUSTOM_FIELD_TYPES } from '#lib/custom-fields/values.ts';
import { t } from '#lib/i18n/translate.ts';
import { CheckboxField, EMPTY_FORM, Outcome, SelectField, Submit, TextArea, TextField } from './form.tsx';
import type { FormState } from '#lib/pages/form-state.ts';
import { TableScroll } from '#views/table-scroll.tsx';

const SWAP = { 'hx-target': '#admin-body', 'hx-swap': 'outerHTML' } as const;

/** The pattern the hints show as an example; kept out of the messages, where its braces would read as ICU arguments. */
export const PATTERN_EXAMPLE = '^[A-Z]{2}-\\d+$';

/** The Custom fields page's body: live fields in display order with their row actions, archived ones, and the form that adds one. */
export function FieldsBody(props: { fields: FieldRow[]; form?: FormState; notice?: string | undefined; error?: string | undefined }) {
  const form = props.form ?? EMPTY_FORM;
  const live = props.fields.filter((f) => !f.archived_at);
  const archived = props.fields.filter((f) => f.archived_at);
  return (
    <div id="admin-body">
      <Outcome notice={props.notice} error={props.error} />
      <section aria-labelledby="fields-heading">
        <h2 id="fields-heading">{t('admin_fields.list.heading')}</h2>
        {live.length === 0 ? (
          <p class="muted">{t('admin_fields.list.empty')}</p>
        ) : (
          <TableScroll label={t('admin_fields.list.table_label')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('admin_fields.col.label')}</th>
                  <th scope="col">{t('admin_fields.col.key')}</th>
                  <th scope="col">{t('admin_fields.col.type')}</th>
                  <th scope="col">{t('admin_fields.col.customers')}</th>
                  <th scope="col">{t('admin_fields.col.required')}</th>
                  <th scope="col">{t('admin_fields.col.actions')}</th>
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
          <h2 id="archived-fields-heading">{t('admin_fields.archived.heading')}</h2>
          <p class="muted small">{t('admin_fields.archived.intro')}</p>
          <TableScroll label={t('admin_fields.archived.table_label')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('admin_fields.col.label')}</th>
                  <th scope="col">{t('admin_fields.col.key')}</th>
                  <th scope="col">{t('admin_fields.col.type')}</th>
                  <th scope="col">{t('admin_fields.col.actions')}</th>
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
                    <td>{fieldTypeLabel(f.type)}</td>
                    <td>
                      <button type="button" class="secondary" hx-post={`/app/admin/fields/${f.id}/unarchive`} {...SWAP} aria-label={t('admin_fields.action.unarchive_label', { label: f.label })}>
                        {t('admin_fields.action.unarchive')}
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
        <h2 id="new-field-heading">{t('admin_fields.new.heading')}</h2>
        <form class="card stack" method="post" action="/app/admin/fields" hx-post="/app/admin/fields" {...SWAP}>
          <TextField form="field" label={t('admin_fields.col.label')} name="label" required maxlength={200} state={form} hint={t('admin_fields.form.label_hint')} />
          <TextField form="field" label={t('admin_fields.col.key')} name="key" required maxlength={63} state={form} hint={t('admin_fields.form.key_hint')} />
          <SelectField form="field" label={t('admin_fields.col.type')} name="type" options={CUSTOM_FIELD_TYPES.map((type) => [type, fieldTypeLabel(type)] as const)} state={form} />
          <TextArea form="field" label={t('admin_fields.form.options')} name="options" rows={3} state={form} hint={t('admin_fields.form.options_hint')} />
          <TextField form="field" label={t('admin_fields.form.pattern')} name="pattern" state={form} hint={t('admin_fields.form.pattern_hint', { example: PATTERN_EXAMPLE })} />
          <CheckboxField form="field" label={t('admin_fields.form.visible')} name="visible_to_customers" checked={form.values.visible_to_customers === 'on'} state={form} />
          <Submit>{t('admin_fields.new.submit')}</Submit>
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
        {fieldTypeLabel(f.type)}
        {f.options.length ? <div class="muted small">{f.options.join(', ')}</div> : null}
        {f.pattern ? (
          <div class="muted small">
            <code>{f.pattern}</code>
          </div>
        ) : null}
      </td>
      <td>{f.visible_to_customers ? t('common.yes') : t('common.no')}</td>
      <td>{requiredWords(f.required_from)}</td>
      <td>
        <div class="row-actions">
          <button
            type="button"
            class="secondary"
            hx-post={`${base}/move`}
            hx-vals='{"direction":"up"}'
            {...SWAP}
            disabled={props.first}
            aria-label={t('admin_fields.action.move_up_label', { label: f.label })}
          >
            {t('admin_fields.action.up')}
          </button>
          <button
            type="button"
            class="secondary"
            hx-post={`${base}/move`}
            hx-vals='{"direction":"down"}'
            {...SWAP}
            disabled={props.last}
            aria-label={t('admin_fields.action.move_down_label', { label: f.label })}
          >
            {t('admin_fields.action.down')}
          </button>
          <button
            type="button"
            class="secondary"
            hx-post={`${base}/archive`}
            hx-confirm={t('admin_fields.action.archive_row_confirm', { label: f.label })}
            {...SWAP}
            aria-label={t('admin_fields.action.archive_label', { label: f.label })}
          >
            {t('admin_fields.action.archive')}
          </button>
        </div>
      </td>
    </tr>
  );
}
