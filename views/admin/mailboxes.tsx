import type { Mailbox } from '../../lib/mail/mailboxes.ts';
import { When } from './form.tsx';

/** The Mailboxes page's body: each mailbox with whether it works, its last error and its next try. */
export function MailboxesBody(props: { mailboxes: Mailbox[] }) {
  return (
    <div id="admin-body">
      {props.mailboxes.length === 0 ? (
        <p class="muted">No mailboxes yet. Add one with the API (POST /api/v1/mailboxes, see the README's email section); mail sent to it then becomes tickets.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Mailbox</th>
                <th scope="col">Status</th>
                <th scope="col">Last error</th>
                <th scope="col">Last checked</th>
                <th scope="col">Next try</th>
              </tr>
            </thead>
            <tbody>
              {props.mailboxes.map((m) => (
                <tr>
                  <td>
                    {m.name}
                    <div class="muted small">{m.from_address}</div>
                    <div class="muted small">{[m.imap_host ? `IMAP ${m.imap_host}` : null, m.smtp_host ? `SMTP ${m.smtp_host}` : null, m.has_inbound_token ? 'inbound webhook' : null].filter(Boolean).join(' · ') || 'no transport set'}</div>
                  </td>
                  <td>
                    {!m.enabled ? (
                      <span class="badge">Off</span>
                    ) : m.status === 'ok' ? (
                      <span class="badge badge-ok">OK</span>
                    ) : (
                      <span class="badge badge-off">Failing</span>
                    )}
                    {m.status === 'failing' && m.failing_since ? (
                      <div class="muted small">
                        since <When at={m.failing_since} />, {m.consecutive_failures} tries
                      </div>
                    ) : null}
                  </td>
                  <td class="small">{m.last_error ?? <span class="muted">none</span>}</td>
                  <td>
                    <When at={m.last_polled_at} empty="not yet" />
                  </td>
                  <td>{m.enabled ? <When at={m.next_try_at} /> : <span class="muted">off</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
