import { raw } from 'hono/html';
import { t } from '#lib/i18n/translate.ts';
import { Field } from './field.tsx';

/**
 * The setup step of 2FA, swapped into `#totp-setup`: the QR code to scan, the same secret for
 * typing in by hand, and the form that confirms a first code. `qrSvg` is inlined as markup: it
 * is our own generated SVG (lib/auth/qr-svg.ts: no script, no external references).
 */
export function TotpEnrolment(props: { qrSvg: string; secret: string }) {
  const grouped = props.secret.replace(/(.{4})(?=.)/g, '$1 ');
  return (
    <div>
      <p>
        <strong>1.</strong> {t('account.totp.scan')}
      </p>
      <figure>{raw(props.qrSvg)}</figure>
      <p>
        {t('account.totp.cannot_scan')} <code data-testid="totp-secret">{grouped}</code>
      </p>
      <p>
        <strong>2.</strong> {t('account.totp.enter_first_code')}
      </p>
      <TotpConfirmForm />
    </div>
  );
}

/** Confirms enrolment with a first code; a wrong code re-renders just this form. */
export function TotpConfirmForm(props: { error?: string | undefined }) {
  return (
    <form method="post" action="/app/account/security/totp/confirm" hx-post="/app/account/security/totp/confirm" hx-target="this" hx-swap="outerHTML">
      {props.error ? (
        <p class="error" role="alert">
          {props.error}
        </p>
      ) : null}
      <Field
        label={t('account.totp.code_from_app')}
        name="code"
        id="confirm-code"
        autocomplete="one-time-code"
        inputmode="numeric"
        pattern="[0-9 ]*"
        maxlength={7}
        required
        autofocus
        invalid={!!props.error}
      />
      <button type="submit">{t('account.totp.turn_on')}</button>
    </form>
  );
}
