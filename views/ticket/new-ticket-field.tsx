import type { CustomFieldDef } from '#lib/custom-fields/values.ts';
import { t } from '#lib/i18n/translate.ts';
import type { FormState } from '#lib/pages/form-state.ts';
import { TextArea, TextField } from '#views/admin/form.tsx';

/**
 * One custom field on a new-ticket form (the portal's, the agents'), as the input its type
 * needs: named `cf_<key>` (`cf_<key>__<n>` per option of a multi-select), read back by
 * customFieldValues (lib/custom-fields/form-values.ts), with the refusal for it underneath.
 */
export function NewTicketFieldInput(props: { def: CustomFieldDef; state: FormState }) {
  const { def, state } = props;
  const name = `cf_${def.key}`;
  const id = `ticket-${name}`;
  const error = state.errors[name];
  const errorNote = error ? (
    <div class="field-error" id={`${id}-error`}>
      {error}
    </div>
  ) : null;
  const described = error ? `${id}-error` : undefined;
  if (def.type === 'checkbox' || def.type === 'multi_select') {
    return (
      <fieldset class="field" aria-describedby={described}>
        <legend>
          <span>{def.label}</span>
        </legend>
        {errorNote}
        <div class="checks">
          {def.type === 'checkbox' ? (
            <label class="check">
              <input type="checkbox" name={name} value="on" checked={state.values[name] === 'on'} /> {t('common.yes')}
            </label>
          ) : (
            def.options.map((o, i) => (
              <label class="check">
                <input type="checkbox" name={`${name}__${i}`} value="on" checked={state.values[`${name}__${i}`] === 'on'} /> {o}
              </label>
            ))
          )}
        </div>
      </fieldset>
    );
  }
  if (def.type === 'dropdown') {
    return (
      <div class="field">
        <label for={id}>
          <span>{def.label}</span>
        </label>
        <select id={id} name={name} aria-invalid={error ? 'true' : undefined} aria-describedby={described}>
          <option value="">{t('ticket.new.choose')}</option>
          {def.options.map((o) => (
            <option value={o} selected={state.values[name] === o}>
              {o}
            </option>
          ))}
        </select>
        {errorNote}
      </div>
    );
  }
  if (def.type === 'textarea') return <TextArea form="ticket" label={def.label} name={name} rows={4} state={state} />;
  const type = def.type === 'integer' || def.type === 'decimal' ? 'number' : def.type === 'date' ? 'date' : 'text';
  return <TextField form="ticket" label={def.label} name={name} type={type} step={def.type === 'decimal' ? 'any' : undefined} state={state} />;
}
