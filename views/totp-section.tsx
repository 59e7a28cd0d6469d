import { t, tRich } from '#lib/i18n/translate.ts';
import { Field } from './field.tsx';

export interface TotpSectionProps {
  enabled: boolean;
  /** The org requires 2FA of every member. */
  required: boolean;
  /** Just turned on: the recovery codes, shown this once. */
  recoveryCodes?: readonly string[] | undefined;
  notice?: string | undefined;
  /** A failed attempt to turn 2FA off. */
  error?: string | undefined;
}

/**
 * The two-factor block of the Security page, and the fragment that replaces it when 2FA is
 * turned on or off (`hx-target="#totp-section"`).
 */
export function TotpSection(props: TotpSectionProps) {
  const { enabled, required } = props;
  return (
    <section id="totp-section" class="card" aria-labelledby="totp-heading">
      <h2 id="totp-heading">{t('account.totp.heading')}</h2>
      {required && !enabled ? (
        <p class="error" role="alert">
          {tRich('account.totp.required_html', { strong: (chunks) => <strong>{chunks}</strong> })}
        </p>
      ) : null}
      <p>
        {tRich('account.totp.status_html', {
          state: enabled ? t('account.totp.state_on') : t('account.totp.state_off'),
          strong: (chunks) => <strong data-testid="totp-status">{chunks}</strong>,
        })}{' '}
        {enabled ? t('account.totp.explain_on') : t('account.totp.explain_off')}
      </p>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.recoveryCodes ? <RecoveryCodes codes={props.recoveryCodes} /> : null}
      {enabled ? (
        required ? (
          <p class="muted">{t('account.totp.cannot_turn_off')}</p>
        ) : (
          <DisableTotpForm error={props.error} />
        )
      ) : (
        <div id="totp-setup">
          <button type="button" hx-post="/app/account/security/totp" hx-target="#totp-setup">
            {t('account.totp.set_up')}
          </button>
        </div>
      )}
    </section>
  );
}

/** The ten recovery codes, shown once, right after 2FA is turned on. */
function RecoveryCodes(props: { codes: readonly string[] }) {
  return (
    <div role="group" aria-labelledby="recovery-heading">
      <h3 id="recovery-heading">{t('account.totp.recovery_heading')}</h3>
      <p>{tRich('account.totp.recovery_keep_html', { strong: (chunks) => <strong>{chunks}</strong> })}</p>
      <ol data-testid="recovery-codes">
        {props.codes.map((code) => (
          <li>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <p>
        <a class="button" href="/app">
          {t('account.totp.continue')}
        </a>
      </p>
    </div>
  );
}

function DisableTotpForm(props: { error?: string | undefined }) {
  return (
    <form method="post" action="/app/account/security/totp/disable" hx-post="/app/account/security/totp/disable" hx-target="#totp-section" hx-swap="outerHTML">
      <h3>{t('account.totp.turn_off')}</h3>
      {props.error ? (
        <p class="error" role="alert">
          {props.error}
        </p>
      ) : null}
      <Field
        label={t('account.totp.current_code')}
        name="code"
        id="disable-code"
        autocomplete="one-time-code"
        autocapitalize="none"
        spellcheck={false}
        maxlength={64}
        required
        autofocus={!!props.error}
        invalid={!!props.error}
        hint={t('account.totp.current_code_hint')}
      />
      <button type="submit" class="secondary">
        {t('account.totp.turn_off')}
      </button>
    </form>
  );
}
