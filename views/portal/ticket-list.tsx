import { t } from '#lib/i18n/translate.ts';
import type { TicketRow } from '#lib/tickets/model.ts';
import type { LayoutUser } from '#views/layout.tsx';
import { TableScroll } from '#views/table-scroll.tsx';
import { PortalLayout, PortalTime, StatusBadge } from './portal-layout.tsx';

/** GET /portal — the customer's requests, latest activity first; then their company's, if shared with them. */
export function PortalHome(props: { user: LayoutUser; tickets: TicketRow[]; company?: { company: string; tickets: TicketRow[] } | undefined }) {
  return (
    <PortalLayout user={props.user} title={t('portal.nav.my_requests')} current="tickets">
      <h1>{t('portal.nav.my_requests')}</h1>
      <p>
        <a class="button" href="/portal/new">
          {t('portal.nav.new_request')}
        </a>
      </p>
      {props.tickets.length === 0 ? <p class="muted">{t('portal.list.empty')}</p> : <RequestsTable tickets={props.tickets} caption={t('portal.list.caption_own')} />}
      {props.company ? <CompanyRequests company={props.company.company} tickets={props.company.tickets} /> : null}
    </PortalLayout>
  );
}

/** The requests of the customer's colleagues: readable, answered by their requester only. */
function CompanyRequests(props: { company: string; tickets: TicketRow[] }) {
  return (
    <section id="company-requests" aria-labelledby="company-requests-heading">
      <h2 id="company-requests-heading">{t('portal.list.company_heading')}</h2>
      {props.tickets.length === 0 ? (
        <p class="muted">{t('portal.list.company_empty', { company: props.company })}</p>
      ) : (
        <RequestsTable tickets={props.tickets} caption={t('portal.list.caption_company', { company: props.company })} colleagues />
      )}
    </section>
  );
}

/** A list of requests; `colleagues` adds who asked and words the status for a reader who did not. */
function RequestsTable(props: { tickets: TicketRow[]; caption: string; colleagues?: boolean }) {
  return (
    <TableScroll label={t('portal.list.table_label', { caption: props.caption })}>
      <table>
        <caption class="sr-only">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('portal.list.col_subject')}</th>
            {props.colleagues ? <th scope="col">{t('portal.list.col_requested_by')}</th> : null}
            <th scope="col">{t('portal.list.col_status')}</th>
            <th scope="col">{t('portal.list.col_last_activity')}</th>
          </tr>
        </thead>
        <tbody>
          {props.tickets.map((ticket) => (
            <tr>
              <td>{ticket.number}</td>
              <td>
                <a href={`/portal/tickets/${ticket.number}`}>{ticket.subject}</a>
              </td>
              {props.colleagues ? <td>{ticket.requester_name || ticket.requester_email}</td> : null}
              <td>
                <StatusBadge status={ticket.status} colleague={props.colleagues} />
              </td>
              <td>
                <PortalTime at={ticket.updated_at} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
