import { SECURITY_CHOICES } from '#lib/mail/mailbox-form.ts';
import type { ConnectionTest, SideResult } from '#lib/mail/connection-test.ts';
import type { Mailbox } from '#lib/mail/mailboxes.ts';
import { CheckboxField, Outcome, SelectField, Submit, TextArea, TextField, When } from './form.tsx';
import type { FormState } from '#lib/pages/form-state.ts';
import { MailboxStatus } from './mailboxes.tsx';

export interface MailboxState {
  notice?: string | undefined;
  error?: string | undefined;
  /** An inbound token just made, shown this once. */
  token?: string | undefined;
  /** The outcome of "Test connection", just run. */
  test?: ConnectionTest | undefined;
}

const SWAP = { 'hx-target': '#admin-body', 'hx-swap': 'outerHTML' } as const;

function BackLink() {
  return (
    <p class="small">
      <a href="/app/admin/mailboxes">← All mailboxes</a>
    </p>
  );
}

/** The body of /app/admin/mailboxes/new. */
export function NewMailboxBody(props: { form: FormState; error?: string | undefined }) {
  return (
    <div id="admin-body">
      <BackLink />
      <Outcome error={props.error} />
      <h2>New mailbox</h2>
      <form class="card stack" method="post" action="/app/admin/mailboxes" hx-post="/app/admin/mailboxes" {...SWAP}>
        <MailboxFields form={props.form} />
        <Submit>Create mailbox</Submit>
      </form>
    </div>
  );
}

/** The body of /app/admin/mailboxes/:id: its status, its settings in one form, the inbound token and deleting it. */
export function MailboxBody(props: { mailbox: Mailbox; form: FormState; state?: MailboxState }) {
  const m = props.mailbox;
  const state = props.state ?? {};
  const base = `/app/admin/mailboxes/${m.id}`;
  return (
    <div id="admin-body">
      <BackLink />
      <Outcome notice={state.notice} error={state.error} />
      <h2>{`Mailbox: ${m.name}`}</h2>
      <section aria-labelledby="mailbox-status-heading" class="card">
        <h3 id="mailbox-status-heading">Status</h3>
        <dl class="facts">
          <dt>State</dt>
          <dd>
            <MailboxStatus mailbox={m} />
          </dd>
          <dt>Last error</dt>
          <dd class="small">{m.last_error ?? <span class="muted">none</span>}</dd>
          <dt>Last checked</dt>
          <dd>
            <When at={m.last_polled_at} empty="not yet" />
          </dd>
          <dt>Next try</dt>
          <dd>{!m.enabled ? <span class="muted">off</span> : m.imap_host ? <When at={m.next_try_at} /> : <span class="muted">no IMAP server: only piped mail</span>}</dd>
        </dl>
        <p class="muted small">New IMAP settings are tried at the next minute's poll.</p>
      </section>
      <form class="card stack" method="post" action={base} hx-post={base} {...SWAP}>
        <MailboxFields form={props.form} mailbox={m} />
        <Submit>Save mailbox</Submit>
      </form>
      <ConnectionCheck mailbox={m} result={state.test} />
      <InboundToken mailbox={m} token={state.token} />
      <section aria-labelledby="mailbox-delete-heading">
        <h3 id="mailbox-delete-heading">Delete</h3>
        <p class="muted">Its tickets and the log of received mail stay; mail is no longer fetched or sent through it.</p>
        <button type="button" class="secondary" hx-post={`${base}/delete`} hx-confirm={`Delete the mailbox ${m.name} (${m.from_address})?`} {...SWAP}>
          Delete mailbox
        </button>
      </section>
    </div>
  );
}

function Side(props: { name: string; result: SideResult | null }) {
  const r = props.result;
  return (
    <>
      <dt>{props.name}</dt>
      <dd data-testid={`test-${props.name.toLowerCase()}`}>
        {r === null ? <span class="muted">no server set: only piped mail</span> : r.ok ? <span>{`Works: ${r.detail}`}</span> : <strong>{`Fails: ${r.error}`}</strong>}
      </dd>
    </>
  );
}

/** "Test connection": tries the saved IMAP and SMTP settings now and shows each side's answer. */
function ConnectionCheck(props: { mailbox: Mailbox; result: ConnectionTest | undefined }) {
  const r = props.result;
  return (
    <section aria-labelledby="mailbox-test-heading">
      <h3 id="mailbox-test-heading">Test connection</h3>
      <p class="muted">Signs in to the saved IMAP server and SMTP server now (up to 10 s each); nothing is fetched or sent.</p>
      {r ? (
        <div class={r.ok ? 'notice' : 'error'} role={r.ok ? 'status' : 'alert'}>
          <p>
            <strong>{r.ok ? 'The connection works.' : 'The connection fails.'}</strong>
          </p>
          <dl class="facts">
            <Side name="IMAP" result={r.imap} />
            <Side name="SMTP" result={r.smtp} />
          </dl>
        </div>
      ) : null}
      <button type="button" class="secondary" hx-post={`/app/admin/mailboxes/${props.mailbox.id}/test`} {...SWAP}>
        Test connection
      </button>
    </section>
  );
}

function InboundToken(props: { mailbox: Mailbox; token: string | undefined }) {
  const m = props.mailbox;
  return (
    <section aria-labelledby="mailbox-token-heading">
      <h3 id="mailbox-token-heading">Piped mail</h3>
      <p class="muted">
        A mail server can hand messages to <code>POST /api/v1/mail/inbound</code> with this mailbox's token instead of being polled (see the README's “Inbound mail”).
        {m.has_inbound_token ? ' A token is set; a new one stops the old one working.' : ' No token is set yet.'}
      </p>
      {props.token ? (
        <div class="notice" role="status">
          <p>
            <strong>New inbound token.</strong> Copy it now: it is shown only this once.
          </p>
          <code class="secret" data-testid="inbound-token">
            {props.token}
          </code>
        </div>
      ) : null}
      <button
        type="button"
        class="secondary"
        hx-post={`/app/admin/mailboxes/${m.id}/inbound-token`}
        hx-confirm={m.has_inbound_token ? `Make a new inbound token for ${m.name}? The current one stops working at once.` : undefined}
        {...SWAP}
      >
        {m.has_inbound_token ? 'Replace the inbound token' : 'Make an inbound token'}
      </button>
    </section>
  );
}

/** Passwords typed into a refused form are not sent back to the browser. */
function withoutPasswords(form: FormState): FormState {
  const { imap_password: _i, smtp_password: _s, ...values } = form.values;
  return { errors: form.errors, values };
}

function MailboxFields(props: { form: FormState; mailbox?: Mailbox }) {
  const form = withoutPasswords(props.form);
  const security = SECURITY_CHOICES.map(([v, l]) => [v, l] as const);
  const kept = (has: boolean | undefined) => (has ? 'A password is stored: leave blank to keep it.' : 'Needed with a user name.');
  return (
    <>
      <TextField form="mailbox" label="Name" name="name" required maxlength={100} state={form} hint="For you, e.g. Support." />
      <TextField form="mailbox" label="Email address" name="from_address" type="email" required maxlength={254} state={form} hint="The address customers write to; replies are sent from it." />
      <TextField form="mailbox" label="Display name" name="from_name" maxlength={200} state={form} hint="Shown as the sender of replies, e.g. Acme Support." />
      <CheckboxField form="mailbox" label="Enabled: fetch and send mail through this mailbox" name="enabled" checked={form.values.enabled === 'on'} state={form} />
      <fieldset class="field">
        <legend>
          <span>Incoming mail (IMAP)</span>
        </legend>
        <div class="hint">Leave the server empty if mail is only piped in (see below).</div>
        <div class="inline-form">
          <TextField form="mailbox" label="IMAP server" name="imap_host" maxlength={255} state={form} placeholder="imap.example.com" />
          <TextField form="mailbox" label="IMAP port" name="imap_port" inputmode="numeric" state={form} />
          <SelectField form="mailbox" label="IMAP security" name="imap_security" options={security} state={form} />
        </div>
        <div class="inline-form">
          <TextField form="mailbox" label="IMAP user" name="imap_user" maxlength={255} autocomplete="off" state={form} />
          <TextField
            form="mailbox"
            label="IMAP password"
            name="imap_password"
            type="password"
            maxlength={1024}
            autocomplete="new-password"
            state={form}
            hint={kept(props.mailbox?.has_imap_password)}
          />
          <TextField form="mailbox" label="IMAP folder" name="imap_folder" maxlength={255} state={form} />
        </div>
      </fieldset>
      <fieldset class="field">
        <legend>
          <span>Outgoing mail (SMTP)</span>
        </legend>
        <div class="inline-form">
          <TextField form="mailbox" label="SMTP server" name="smtp_host" maxlength={255} state={form} placeholder="smtp.example.com" />
          <TextField form="mailbox" label="SMTP port" name="smtp_port" inputmode="numeric" state={form} />
          <SelectField form="mailbox" label="SMTP security" name="smtp_security" options={security} state={form} />
        </div>
        <div class="inline-form">
          <TextField form="mailbox" label="SMTP user" name="smtp_user" maxlength={255} autocomplete="off" state={form} />
          <TextField
            form="mailbox"
            label="SMTP password"
            name="smtp_password"
            type="password"
            maxlength={1024}
            autocomplete="new-password"
            state={form}
            hint={kept(props.mailbox?.has_smtp_password)}
          />
        </div>
      </fieldset>
      <TextArea form="mailbox" label="Signature" name="signature" rows={3} state={form} hint="Added under every reply sent from this mailbox." />
      <TextField
        form="mailbox"
        label="Subject reference"
        name="subject_pattern"
        maxlength={50}
        required
        state={form}
        hint="How the ticket number appears in subjects; must contain {number}, e.g. [#{number}]."
      />
    </>
  );
}
