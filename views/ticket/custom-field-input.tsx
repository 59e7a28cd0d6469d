import { CF_PREFIX } from '#lib/custom-fields/sidebar-form.ts';
import type { CustomFieldDef } from '#lib/custom-fields/values.ts';
import { statusLabel } from '#lib/i18n/labels.ts';
import { t } from '#lib/i18n/translate.ts';

/** One custom field as a labelled control of its type; the value is the ticket's. */
export function CustomFieldInput(props: { def: CustomFieldDef; value: unknown }) {
  const { def, value } = props;
  const id = `cf-${def.key}`;
  const name = `${CF_PREFIX}${def.key}`;
  const text = value === null || value === undefined ? '' : String(value);
  const required = def.required_from ? <span class="muted small"> {t('ticket.custom_field.required_from', { status: statusLabel(def.required_from) })}</span> : null;
  switch (def.type) {
    case 'textarea':
      return (
        <label for={id}>
          <span>
            {def.label}
            {required}
          </span>
          <textarea id={id} name={name} rows={3}>
            {text}
          </textarea>
        </label>
      );
    case 'integer':
    case 'decimal':
      return (
        <label for={id}>
          <span>
            {def.label}
            {required}
          </span>
          <input id={id} name={name} type="number" step={def.type === 'integer' ? '1' : 'any'} value={text} />
        </label>
      );
    case 'date':
      return (
        <label for={id}>
          <span>
            {def.label}
            {required}
          </span>
          <input id={id} name={name} type="date" value={text} />
        </label>
      );
    case 'checkbox':
      return (
        <label for={id}>
          <span>
            {def.label}
            {required}
          </span>
          <select id={id} name={name}>
            <option value="">{t('ticket.custom_field.not_set')}</option>
            <option value="yes" selected={value === true}>
              {t('common.yes')}
            </option>
            <option value="no" selected={value === false}>
              {t('common.no')}
            </option>
          </select>
        </label>
      );
    case 'dropdown':
      return (
        <label for={id}>
          <span>
            {def.label}
            {required}
          </span>
          <select id={id} name={name}>
            <option value="">{t('ticket.custom_field.not_set')}</option>
            {def.options.map((o) => (
              <option value={o} selected={o === value}>
                {o}
              </option>
            ))}
          </select>
        </label>
      );
    case 'multi_select': {
      const chosen = Array.isArray(value) ? (value as unknown[]) : [];
      return (
        <fieldset class="choices">
          <legend>
            {def.label}
            {required}
          </legend>
          {/* Says the field was on the form, so unticking every box clears it. */}
          <input type="hidden" name={name} value="" />
          {def.options.map((o, i) => (
            <label>
              <input type="checkbox" name={`${name}.${i}`} value={o} checked={chosen.includes(o)} /> {o}
            </label>
          ))}
        </fieldset>
      );
    }
    default:
      return (
        <label for={id}>
          <span>
            {def.label}
            {required}
          </span>
          {/* No HTML pattern attribute: the browser would run the tenant's pattern on its own
              backtracking engine (and in JavaScript syntax, not RE2's); the server checks it on RE2. */}
          <input id={id} name={name} type="text" value={text} maxlength={def.type === 'regex' ? 255 : undefined} />
        </label>
      );
  }
}
