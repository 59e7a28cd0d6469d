import { PASSWORD_MIN } from '#lib/auth/password.ts';
import { Field } from './field.tsx';

/** "Choose a password" twice, for a reset link and for a new account from an invitation. */
export function NewPasswordFields(props: { invalid?: ReadonlySet<string>; autofocus?: boolean }) {
  return (
    <>
      <Field
        label="New password"
        name="password"
        type="password"
        autocomplete="new-password"
        minlength={PASSWORD_MIN}
        maxlength={1024}
        required
        autofocus={props.autofocus}
        invalid={props.invalid?.has('password')}
        hint={`At least ${PASSWORD_MIN} characters. A passphrase of a few words is easy to type and hard to guess.`}
      />
      <Field label="New password again" name="confirm" type="password" autocomplete="new-password" maxlength={1024} required invalid={props.invalid?.has('confirm')} />
    </>
  );
}
