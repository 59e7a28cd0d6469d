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
      <h2 id="totp-heading">Two-factor authentication</h2>
      {required && !enabled ? (
        <p class="error" role="alert">
          <strong>Your organization requires two-factor authentication.</strong> Set it up now: until you do, the rest of ATUM DESK stays closed to you.
        </p>
      ) : null}
      <p>
        Status: <strong data-testid="totp-status">{enabled ? 'On' : 'Off'}</strong>.{' '}
        {enabled
          ? 'Signing in asks for a code from your authenticator app after your password.'
          : 'Add a code from an authenticator app on your phone to your password, so a stolen password alone cannot open your account.'}
      </p>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.recoveryCodes ? <RecoveryCodes codes={props.recoveryCodes} /> : null}
      {enabled ? (
        required ? (
          <p class="muted">Your organization requires two-factor authentication, so it cannot be turned off.</p>
        ) : (
          <DisableTotpForm error={props.error} />
        )
      ) : (
        <div id="totp-setup">
          <button type="button" hx-post="/app/account/security/totp" hx-target="#totp-setup">
            Set up two-factor authentication
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
      <h3 id="recovery-heading">Your recovery codes</h3>
      <p>
        Keep these somewhere safe, away from your phone: each one signs you in once if you lose the authenticator app. <strong>They are shown only now.</strong>
      </p>
      <ol data-testid="recovery-codes">
        {props.codes.map((code) => (
          <li>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <p>
        <a class="button" href="/app">
          Continue
        </a>
      </p>
    </div>
  );
}

function DisableTotpForm(props: { error?: string | undefined }) {
  return (
    <form method="post" action="/app/account/security/totp/disable" hx-post="/app/account/security/totp/disable" hx-target="#totp-section" hx-swap="outerHTML">
      <h3>Turn off two-factor authentication</h3>
      {props.error ? (
        <p class="error" role="alert">
          {props.error}
        </p>
      ) : null}
      <Field
        label="Current code"
        name="code"
        id="disable-code"
        autocomplete="one-time-code"
        autocapitalize="none"
        spellcheck={false}
        maxlength={64}
        required
        autofocus={!!props.error}
        invalid={!!props.error}
        hint="A code from your authenticator app, or one of your recovery codes."
      />
      <button type="submit" class="secondary">
        Turn off two-factor authentication
      </button>
    </form>
  );
}
