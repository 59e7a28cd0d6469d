import { t, tRich } from '#lib/i18n/translate.ts';
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

/** Example host names in the server fields: the same in every language, so not in the catalogue. */
const IMAP_EXAMPLE = 'imap.example.com';
const SMTP_EXAMPLE = 'smtp.example.com';

function BackLink() {
  return (
    <p class="small">
      <a href="/app/admin/mailboxes">{t('admin_mail.back')}</a>
    </p>
  );
}

/** The body of /app/admin/mailboxes/new. */
export function NewMailboxBody(props: { form: FormState; error?: string | undefined }) {
  return (
    <div id="admin-body">
      <BackLink />
      <Outcome error={props.error} />
      <h2>{t('admin_mail.new.heading')}</h2>
      <form class="card stack" method="post" action="/app/admin/mailboxes" hx-post="/app/admin/mailboxes" {...SWAP}>
        <MailboxFields form={props.form} />
        <Submit>{t('admin_mail.new.submit')}</Submit>
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
      <h2>{t('admin_mail.mailbox.heading', { name: m.name })}</h2>
      <section aria-labelledby="mailbox-status-heading" class="card">
        <h3 id="mailbox-status-heading">{t('admin_mail.status.heading')}</h3>
        <dl class="facts">
          <dt>{t('admin_mail.status.state')}</dt>
          <dd>
            <MailboxStatus mailbox={m} />
          </dd>
          <dt>{t('admin_mail.status.last_error')}</dt>
          <dd class="small">{m.last_error ?? <span class="muted">{t('admin_mail.status.no_error')}</span>}</dd>
          <dt>{t('admin_mail.status.last_checked')}</dt>
          <dd>
            <When at={m.last_polled_at} empty={t('admin_mail.status.not_yet')} />
          </dd>
          <dt>{t('admin_mail.status.next_try')}</dt>
          <dd>{!m.enabled ? <span class="muted">{t('admin_mail.status.off')}</span> : m.imap_host ? <When at={m.next_try_at} /> : <span class="muted">{t('admin_mail.status.piped_only')}</span>}</dd>
        </dl>
        <p class="muted small">{t('admin_mail.status.imap_note')}</p>
      </section>
      <form class="card stack" method="post" action={base} hx-post={base} {...SWAP}>
        <MailboxFields form={props.form} mailbox={m} />
        <Submit>{t('admin_mail.mailbox.save')}</Submit>
      </form>
      <ConnectionCheck mailbox={m} result={state.test} />
      <InboundToken mailbox={m} token={state.token} />
      <section aria-labelledby="mailbox-delete-heading">
        <h3 id="mailbox-delete-heading">{t('common.delete')}</h3>
        <p class="muted">{t('admin_mail.delete.note')}</p>
        <button type="button" class="secondary" hx-post={`${base}/delete`} hx-confirm={t('admin_mail.delete.confirm', { name: m.name, address: m.from_address })} {...SWAP}>
          {t('admin_mail.delete.button')}
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
        {r === null ? (
          <span class="muted">{t('admin_mail.test.no_server')}</span>
        ) : r.ok ? (
          <span>{t('admin_mail.test.works', { detail: r.detail })}</span>
        ) : (
          <strong>{t('admin_mail.test.fails', { error: r.error })}</strong>
        )}
      </dd>
    </>
  );
}

/** "Test connection": tries the saved IMAP and SMTP settings now and shows each side's answer. */
function ConnectionCheck(props: { mailbox: Mailbox; result: ConnectionTest | undefined }) {
  const r = props.result;
  return (
    <section aria-labelledby="mailbox-test-heading">
      <h3 id="mailbox-test-heading">{t('admin_mail.test.title')}</h3>
      <p class="muted">{t('admin_mail.test.note')}</p>
      {r ? (
        <div class={r.ok ? 'notice' : 'error'} role={r.ok ? 'status' : 'alert'}>
          <p>
            <strong>{r.ok ? t('admin_mail.test.ok') : t('admin_mail.test.failed')}</strong>
          </p>
          <dl class="facts">
            <Side name="IMAP" result={r.imap} />
            <Side name="SMTP" result={r.smtp} />
          </dl>
        </div>
      ) : null}
      <button type="button" class="secondary" hx-post={`/app/admin/mailboxes/${props.mailbox.id}/test`} {...SWAP}>
        {t('admin_mail.test.title')}
      </button>
    </section>
  );
}

function InboundToken(props: { mailbox: Mailbox; token: string | undefined }) {
  const m = props.mailbox;
  return (
    <section aria-labelledby="mailbox-token-heading">
      <h3 id="mailbox-token-heading">{t('admin_mail.token.heading')}</h3>
      <p class="muted">
        {tRich('admin_mail.token.intro', { endpoint: <code>POST /api/v1/mail/inbound</code> })} {m.has_inbound_token ? t('admin_mail.token.is_set') : t('admin_mail.token.not_set')}
      </p>
      {props.token ? (
        <div class="notice" role="status">
          <p>{tRich('admin_mail.token.new_html', { b: (chunks) => <strong>{chunks}</strong> })}</p>
          <code class="secret" data-testid="inbound-token">
            {props.token}
          </code>
        </div>
      ) : null}
      <button
        type="button"
        class="secondary"
        hx-post={`/app/admin/mailboxes/${m.id}/inbound-token`}
        hx-confirm={m.has_inbound_token ? t('admin_mail.token.replace_confirm', { name: m.name }) : undefined}
        {...SWAP}
      >
        {m.has_inbound_token ? t('admin_mail.token.replace') : t('admin_mail.token.make')}
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
  const security = SECURITY_CHOICES.map(([v, key]) => [v, t(key)] as const);
  const kept = (has: boolean | undefined) => (has ? t('admin_mail.field.password_kept') : t('admin_mail.field.password_needed'));
  return (
    <>
      <TextField form="mailbox" label={t('admin_mail.field.name')} name="name" required maxlength={100} state={form} hint={t('admin_mail.field.name_hint')} />
      <TextField form="mailbox" label={t('admin_mail.field.from_address')} name="from_address" type="email" required maxlength={254} state={form} hint={t('admin_mail.field.from_address_hint')} />
      <TextField form="mailbox" label={t('admin_mail.field.from_name')} name="from_name" maxlength={200} state={form} hint={t('admin_mail.field.from_name_hint')} />
      <CheckboxField form="mailbox" label={t('admin_mail.field.enabled')} name="enabled" checked={form.values.enabled === 'on'} state={form} />
      <fieldset class="field">
        <legend>
          <span>{t('admin_mail.field.imap_legend')}</span>
        </legend>
        <div class="hint">{t('admin_mail.field.imap_hint')}</div>
        <div class="inline-form">
          <TextField form="mailbox" label={t('admin_mail.field.imap_host')} name="imap_host" maxlength={255} state={form} placeholder={IMAP_EXAMPLE} />
          <TextField form="mailbox" label={t('admin_mail.field.imap_port')} name="imap_port" inputmode="numeric" state={form} />
          <SelectField form="mailbox" label={t('admin_mail.field.imap_security')} name="imap_security" options={security} state={form} />
        </div>
        <div class="inline-form">
          <TextField form="mailbox" label={t('admin_mail.field.imap_user')} name="imap_user" maxlength={255} autocomplete="off" state={form} />
          <TextField
            form="mailbox"
            label={t('admin_mail.field.imap_password')}
            name="imap_password"
            type="password"
            maxlength={1024}
            autocomplete="new-password"
            state={form}
            hint={kept(props.mailbox?.has_imap_password)}
          />
          <TextField form="mailbox" label={t('admin_mail.field.imap_folder')} name="imap_folder" maxlength={255} state={form} />
        </div>
      </fieldset>
      <fieldset class="field">
        <legend>
          <span>{t('admin_mail.field.smtp_legend')}</span>
        </legend>
        <div class="inline-form">
          <TextField form="mailbox" label={t('admin_mail.field.smtp_host')} name="smtp_host" maxlength={255} state={form} placeholder={SMTP_EXAMPLE} />
          <TextField form="mailbox" label={t('admin_mail.field.smtp_port')} name="smtp_port" inputmode="numeric" state={form} />
          <SelectField form="mailbox" label={t('admin_mail.field.smtp_security')} name="smtp_security" options={security} state={form} />
        </div>
        <div class="inline-form">
          <TextField form="mailbox" label={t('admin_mail.field.smtp_user')} name="smtp_user" maxlength={255} autocomplete="off" state={form} />
          <TextField
            form="mailbox"
            label={t('admin_mail.field.smtp_password')}
            name="smtp_password"
            type="password"
            maxlength={1024}
            autocomplete="new-password"
            state={form}
            hint={kept(props.mailbox?.has_smtp_password)}
          />
        </div>
      </fieldset>
      <TextArea form="mailbox" label={t('admin_mail.field.signature')} name="signature" rows={3} state={form} hint={t('admin_mail.field.signature_hint')} />
      <TextField
        form="mailbox"
        label={t('admin_mail.field.subject_pattern')}
        name="subject_pattern"
        maxlength={50}
        required
        state={form}
        hint={t('admin_mail.field.subject_pattern_hint', { placeholder: '{number}', example: '[#{number}]' })}
      />
    </>
  );
}
