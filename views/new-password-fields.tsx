import { PASSWORD_MIN } from '#lib/auth/password.ts';
import { t } from '#lib/i18n/translate.ts';
import { Field } from './field.tsx';

/** "Choose a password" twice, for a reset link and for a new account from an invitation. */
export function NewPasswordFields(props: { invalid?: ReadonlySet<string>; autofocus?: boolean }) {
  return (
    <>
      <Field
        label={t('auth.new_password.label')}
        name="password"
        type="password"
        autocomplete="new-password"
        minlength={PASSWORD_MIN}
        maxlength={1024}
        required
        autofocus={props.autofocus}
        invalid={props.invalid?.has('password')}
        hint={t('auth.new_password.hint', { min: PASSWORD_MIN })}
      />
      <Field label={t('auth.new_password.again')} name="confirm" type="password" autocomplete="new-password" maxlength={1024} required invalid={props.invalid?.has('confirm')} />
    </>
  );
}
