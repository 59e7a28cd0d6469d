import { t, tRich } from '#lib/i18n/translate.ts';
import type { Mailbox } from '#lib/mail/mailboxes.ts';
import { Outcome, When } from './form.tsx';
import { TableScroll } from '#views/table-scroll.tsx';

export interface MailboxesState {
  notice?: string | undefined;
  error?: string | undefined;
}

const SWAP = { 'hx-target': '#admin-body', 'hx-swap': 'outerHTML' } as const;

/** Where a mailbox's mail comes from and goes to, in a few words (host names are shown as they are). */
const transports = (m: Mailbox) =>
  [m.imap_host ? `IMAP ${m.imap_host}` : null, m.smtp_host ? `SMTP ${m.smtp_host}` : null, m.has_inbound_token ? t('admin_mail.list.inbound_webhook') : null].filter(Boolean).join(' · ') ||
  t('admin_mail.list.no_transport');

/** Whether a mailbox works: off, OK, or failing since when and after how many tries. */
export function MailboxStatus(props: { mailbox: Mailbox }) {
  const m = props.mailbox;
  return (
    <>
      {!m.enabled ? (
        <span class="badge">{t('admin_mail.list.badge_off')}</span>
      ) : m.status === 'ok' ? (
        <span class="badge badge-ok">{t('admin_mail.list.badge_ok')}</span>
      ) : (
        <span class="badge badge-off">{t('admin_mail.list.badge_failing')}</span>
      )}
      {m.status === 'failing' && m.failing_since ? (
        <div class="muted small">{tRich('admin_mail.list.failing_since', { when: <When at={m.failing_since} />, count: m.consecutive_failures })}</div>
      ) : null}
    </>
  );
}

/** The Mailboxes page's body: each mailbox with whether it works, its last error and next try, and its row actions. */
export function MailboxesBody(props: { mailboxes: Mailbox[]; state?: MailboxesState }) {
  const state = props.state ?? {};
  return (
    <div id="admin-body">
      <Outcome notice={state.notice} error={state.error} />
      <p class="muted small">{t('admin_mail.list.intro')}</p>
      {props.mailboxes.length === 0 ? (
        <p class="muted">{t('admin_mail.list.empty')}</p>
      ) : (
        <TableScroll label={t('admin_mail.list.table_label')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('admin_mail.list.col_mailbox')}</th>
                <th scope="col">{t('admin_mail.status.heading')}</th>
                <th scope="col">{t('admin_mail.status.last_error')}</th>
                <th scope="col">{t('admin_mail.status.last_checked')}</th>
                <th scope="col">{t('admin_mail.status.next_try')}</th>
                <th scope="col">{t('admin_mail.list.col_actions')}</th>
              </tr>
            </thead>
            <tbody>
              {props.mailboxes.map((m) => (
                <MailboxRow mailbox={m} />
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <p>
        <a class="button secondary" href="/app/admin/mailboxes/new">
          {t('admin_mail.new.heading')}
        </a>
      </p>
    </div>
  );
}

function MailboxRow(props: { mailbox: Mailbox }) {
  const m = props.mailbox;
  const base = `/app/admin/mailboxes/${m.id}`;
  return (
    <tr id={`mailbox-${m.id}`}>
      <td>
        <a href={base}>{m.name}</a>
        <div class="muted small">{m.from_address}</div>
        <div class="muted small">{transports(m)}</div>
      </td>
      <td>
        <MailboxStatus mailbox={m} />
      </td>
      <td class="small">{m.last_error ?? <span class="muted">{t('admin_mail.status.no_error')}</span>}</td>
      <td>
        <When at={m.last_polled_at} empty={t('admin_mail.status.not_yet')} />
      </td>
      <td>{m.enabled ? <When at={m.next_try_at} /> : <span class="muted">{t('admin_mail.status.off')}</span>}</td>
      <td>
        <div class="row-actions">
          <button
            type="button"
            class="secondary"
            hx-post={`${base}/enabled`}
            hx-vals={m.enabled ? '{"enabled":"off"}' : '{"enabled":"on"}'}
            {...SWAP}
            aria-label={m.enabled ? t('admin_mail.list.disable_named', { name: m.name }) : t('admin_mail.list.enable_named', { name: m.name })}
          >
            {m.enabled ? t('admin_mail.list.disable') : t('admin_mail.list.enable')}
          </button>
          <button
            type="button"
            class="secondary"
            hx-post={`${base}/delete`}
            hx-confirm={t('admin_mail.list.delete_confirm', { name: m.name, address: m.from_address })}
            {...SWAP}
            aria-label={t('admin_mail.list.delete_named', { name: m.name })}
          >
            {t('common.delete')}
          </button>
        </div>
      </td>
    </tr>
  );
}
