import type { Child, JSX } from 'hono/jsx';

type InputProps = Omit<JSX.IntrinsicElements['input'], 'children'> & { name: string };

/**
 * One labelled input of a form: a label tied to the input by id, a hint tied to it with
 * aria-describedby (outside the label, so it is not read as part of the input's name), and
 * `invalid` marking it for assistive technology (the message itself is in the form's
 * role="alert" error). The id defaults to `field-<name>`.
 *
 * @example
 * <Field label="Email" name="email" type="email" autocomplete="username" required invalid={!!errors.email} />
 */
export function Field(props: InputProps & { label: Child; hint?: Child; invalid?: boolean | undefined }) {
  const { label, hint, invalid, ...input } = props;
  const id = input.id ?? `field-${input.name}`;
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div class="field">
      <label for={id}>
        <span>{label}</span>
      </label>
      <input {...input} id={id} aria-invalid={invalid ? 'true' : undefined} aria-describedby={hintId} />
      {hint ? (
        <div class="hint" id={hintId}>
          {hint}
        </div>
      ) : null}
    </div>
  );
}
