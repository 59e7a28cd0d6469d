import type { Child, JSX } from 'hono/jsx';
import { reader } from '#lib/i18n/reader.ts';
import { intlFor } from '#lib/i18n/translate.ts';
import type { FormState } from '#lib/pages/form-state.ts';

export const EMPTY_FORM: FormState = { errors: {}, values: {} };

type InputProps = Omit<JSX.IntrinsicElements['input'], 'children'> & { name: string };

/**
 * A labelled input with its error right under it, tied to it by aria-describedby so a screen
 * reader reads the problem with the field. `id` defaults to `<form>-<name>`, unique per page.
 *
 * @example
 * <TextField form="invite" label="Email" name="email" type="email" state={state} required />
 */
export function TextField(props: InputProps & { form: string; label: Child; hint?: Child; state: FormState }) {
  const { form, label, hint, state, ...input } = props;
  const id = input.id ?? `${form}-${input.name}`;
  const error = state.errors[input.name];
  return (
    <div class="field">
      <label for={id}>
        <span>{label}</span>
      </label>
      <input value={state.values[input.name]} {...input} id={id} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy(id, error, hint)} />
      <FieldNotes id={id} error={error} hint={hint} />
    </div>
  );
}

/** A labelled select; `options` are [value, label] pairs. */
export function SelectField(props: {
  form: string;
  label: Child;
  name: string;
  options: readonly (readonly [string, string])[];
  state: FormState;
  selected?: string | undefined;
  hint?: Child;
  id?: string;
}) {
  const id = props.id ?? `${props.form}-${props.name}`;
  const error = props.state.errors[props.name];
  const selected = props.state.values[props.name] ?? props.selected;
  return (
    <div class="field">
      <label for={id}>
        <span>{props.label}</span>
      </label>
      <select id={id} name={props.name} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy(id, error, props.hint)}>
        {props.options.map(([value, label]) => (
          <option value={value} selected={value === selected}>
            {label}
          </option>
        ))}
      </select>
      <FieldNotes id={id} error={error} hint={props.hint} />
    </div>
  );
}

/** A labelled textarea with its error under it. */
export function TextArea(props: { form: string; label: Child; name: string; state: FormState; hint?: Child; rows?: number; required?: boolean; id?: string }) {
  const id = props.id ?? `${props.form}-${props.name}`;
  const error = props.state.errors[props.name];
  return (
    <div class="field">
      <label for={id}>
        <span>{props.label}</span>
      </label>
      <textarea id={id} name={props.name} rows={props.rows ?? 5} required={props.required} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy(id, error, props.hint)}>
        {props.state.values[props.name] ?? ''}
      </textarea>
      <FieldNotes id={id} error={error} hint={props.hint} />
    </div>
  );
}

/** A checkbox with its label beside it. */
export function CheckboxField(props: { form: string; label: Child; name: string; checked: boolean; state: FormState; hint?: Child }) {
  const id = `${props.form}-${props.name}`;
  const error = props.state.errors[props.name];
  return (
    <div class="field">
      <label for={id} class="check">
        <input type="checkbox" id={id} name={props.name} value="on" checked={props.checked} aria-describedby={describedBy(id, error, props.hint)} /> {props.label}
      </label>
      <FieldNotes id={id} error={error} hint={props.hint} />
    </div>
  );
}

function describedBy(id: string, error: string | undefined, hint: Child | undefined): string | undefined {
  const ids = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function FieldNotes(props: { id: string; error: string | undefined; hint: Child | undefined }) {
  return (
    <>
      {props.error ? (
        <div class="field-error" id={`${props.id}-error`}>
          {props.error}
        </div>
      ) : null}
      {props.hint ? (
        <div class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </div>
      ) : null}
    </>
  );
}

/** The outcome of the last action, announced to screen readers. */
export function Outcome(props: { notice?: string | undefined; error?: string | undefined }) {
  if (props.error) {
    return (
      <p class="error" role="alert">
        {props.error}
      </p>
    );
  }
  return props.notice ? (
    <p class="notice" role="status">
      {props.notice}
    </p>
  ) : null;
}

/** A submit button with a spinner-free "Saving…" indicator while htmx waits. */
export function Submit(props: { children: Child; class?: string }) {
  return (
    <button type="submit" class={props.class}>
      {props.children}
      <span class="htmx-indicator small" aria-hidden="true">
        …
      </span>
    </button>
  );
}

/**
 * A timestamp as people read it, in the reader's language and time zone, with the zone named
 * (an audit entry or a key's last use is read against other clocks); machine-readable in `datetime`.
 */
export function When(props: { at: Date | string | null | undefined; empty?: string }) {
  if (!props.at) return <span class="muted">{props.empty ?? '—'}</span>;
  const at = new Date(props.at);
  const { locale, timeZone } = reader();
  const text = intlFor(locale, timeZone).formatDate(at, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
  return <time datetime={at.toISOString()}>{text}</time>;
}
