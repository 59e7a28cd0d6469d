import type { TicketRow } from '#lib/tickets/model.ts';
import { When } from '#views/admin/form.tsx';
import type { LayoutUser } from '#views/layout.tsx';
import { TableScroll } from '#views/table-scroll.tsx';
import { PortalLayout, StatusBadge } from './portal-layout.tsx';

/** GET /portal — the customer's requests, latest activity first; then their company's, if shared with them. */
export function PortalHome(props: { user: LayoutUser; tickets: TicketRow[]; company?: { company: string; tickets: TicketRow[] } | undefined }) {
  return (
    <PortalLayout user={props.user} title="My requests" current="tickets">
      <h1>My requests</h1>
      <p>
        <a class="button" href="/portal/new">
          New request
        </a>
      </p>
      {props.tickets.length === 0 ? <p class="muted">You have no requests yet. Open one and we will answer by email and here.</p> : <RequestsTable tickets={props.tickets} caption="Your requests" />}
      {props.company ? <CompanyRequests company={props.company.company} tickets={props.company.tickets} /> : null}
    </PortalLayout>
  );
}

/** The requests of the customer's colleagues: readable, answered by their requester only. */
function CompanyRequests(props: { company: string; tickets: TicketRow[] }) {
  return (
    <section id="company-requests" aria-labelledby="company-requests-heading">
      <h2 id="company-requests-heading">My company's requests</h2>
      {props.tickets.length === 0 ? (
        <p class="muted">{`Nobody else at ${props.company} has a request yet.`}</p>
      ) : (
        <RequestsTable tickets={props.tickets} caption={`Requests of other people at ${props.company}`} colleagues />
      )}
    </section>
  );
}

/** A list of requests; `colleagues` adds who asked and words the status for a reader who did not. */
function RequestsTable(props: { tickets: TicketRow[]; caption: string; colleagues?: boolean }) {
  return (
    <TableScroll label={`Table: ${props.caption}`}>
      <table>
        <caption class="sr-only">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Subject</th>
            {props.colleagues ? <th scope="col">Requested by</th> : null}
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
              {props.colleagues ? <td>{t.requester_name || t.requester_email}</td> : null}
              <td>
                <StatusBadge status={t.status} colleague={props.colleagues} />
              </td>
              <td>
                <When at={t.updated_at} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
