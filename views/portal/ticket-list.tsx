import type { TicketRow } from '../../lib/tickets/model.ts';
import { When } from '../admin/form.tsx';
import type { LayoutUser } from '../layout.tsx';
import { PortalLayout, StatusBadge } from './portal-layout.tsx';

/** GET /portal — the customer's requests, latest activity first. */
export function PortalHome(props: { user: LayoutUser; tickets: TicketRow[] }) {
  return (
    <PortalLayout user={props.user} title="My requests" current="tickets">
      <h1>My requests</h1>
      <p>
        <a class="button" href="/portal/new">
          New request
        </a>
      </p>
      {props.tickets.length === 0 ? (
        <p class="muted">You have no requests yet. Open one and we will answer by email and here.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="sr-only">Your requests</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Subject</th>
                <th scope="col">Status</th>
                <th scope="col">Last activity</th>
              </tr>
            </thead>
            <tbody>
              {props.tickets.map((t) => (
                <tr>
                  <td>{t.number}</td>
                  <td>
                    <a href={`/portal/tickets/${t.number}`}>{t.subject}</a>
                  </td>
                  <td>
                    <StatusBadge status={t.status} />
                  </td>
                  <td>
                    <When at={t.updated_at} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </PortalLayout>
  );
}
