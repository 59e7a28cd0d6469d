import type { Mailbox } from '#lib/mail/mailboxes.ts';
import { Outcome, When } from './form.tsx';
import { TableScroll } from '#views/table-scroll.tsx';

export interface MailboxesState {
  notice?: string | undefined;
  error?: string | undefined;
}

const SWAP = { 'hx-target': '#admin-body', 'hx-swap': 'outerHTML' } as const;

/** Where a mailbox's mail comes from and goes to, in a few words. */
const transports = (m: Mailbox) =>
  [m.imap_host ? `IMAP ${m.imap_host}` : null, m.smtp_host ? `SMTP ${m.smtp_host}` : null, m.has_inbound_token ? 'inbound webhook' : null].filter(Boolean).join(' · ') || 'no transport set';

/** Whether a mailbox works: off, OK, or failing since when and after how many tries. */
export function MailboxStatus(props: { mailbox: Mailbox }) {
  const m = props.mailbox;
  return (
    <>
      {!m.enabled ? <span class="badge">Off</span> : m.status === 'ok' ? <span class="badge badge-ok">OK</span> : <span class="badge badge-off">Failing</span>}
      {m.status === 'failing' && m.failing_since ? (
        <div class="muted small">
          since <When at={m.failing_since} />, {m.consecutive_failures} tries
        </div>
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
      <p class="muted small">Mail fetched from a mailbox's IMAP folder (or piped to its inbound webhook) becomes tickets; replies leave through its SMTP server.</p>
      {props.mailboxes.length === 0 ? (
        <p class="muted">No mailboxes yet. Add one: mail sent to it then becomes tickets.</p>
      ) : (
        <TableScroll label="Table of mailboxes">
          <table>
            <thead>
              <tr>
                <th scope="col">Mailbox</th>
                <th scope="col">Status</th>
                <th scope="col">Last error</th>
                <th scope="col">Last checked</th>
                <th scope="col">Next try</th>
                <th scope="col">Actions</th>
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
          New mailbox
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
      <td class="small">{m.last_error ?? <span class="muted">none</span>}</td>
      <td>
        <When at={m.last_polled_at} empty="not yet" />
      </td>
      <td>{m.enabled ? <When at={m.next_try_at} /> : <span class="muted">off</span>}</td>
      <td>
        <div class="row-actions">
          <button
            type="button"
            class="secondary"
            hx-post={`${base}/enabled`}
            hx-vals={m.enabled ? '{"enabled":"off"}' : '{"enabled":"on"}'}
            {...SWAP}
            aria-label={`${m.enabled ? 'Disable' : 'Enable'} ${m.name}`}
          >
            {m.enabled ? 'Disable' : 'Enable'}
          </button>
          <button
            type="button"
            class="secondary"
            hx-post={`${base}/delete`}
            hx-confirm={`Delete the mailbox ${m.name} (${m.from_address})? Its tickets and received mail stay.`}
            {...SWAP}
            aria-label={`Delete ${m.name}`}
          >
            Delete
          </button>
        </div>
      </td>
    </tr>
  );
}
