import type { StaffMember } from '#lib/staff/assignable.ts';
import type { TicketRow } from '#lib/tickets/model.ts';
import { AppNav } from '#views/app-nav.tsx';
import { Layout, type LayoutUser } from '#views/layout.tsx';
import { LiveEvents } from '#views/live-events.tsx';
import { BulkBar } from './bulk-bar.tsx';
import { TicketTable } from './ticket-table.tsx';
import type { RowContext } from './ticket-row.tsx';

/**
 * GET /app/search: ticket search (subject and every message, internal notes included) with the
 * queue's rows, which refresh themselves live; the result set itself is as of the search.
 */
export function SearchPage(p: { user: LayoutUser; q: string; items: readonly TicketRow[]; moreHref: string | null; ctx: RowContext; staff: readonly StaffMember[] }) {
  return (
    <Layout title={p.q ? `Search: ${p.q}` : 'Search'} user={p.user} nav={<AppNav current="search" />} q={p.q} sse={p.items.length > 0}>
      {p.items.length ? <LiveEvents /> : null}
      <section id="queue" class="queue" aria-labelledby="search-title">
        <h1 id="search-title">{p.q ? `Tickets matching “${p.q}”` : 'Search tickets'}</h1>
        {p.q ? (
          <>
            <p class="muted small">
              Words match subjects and every message, internal notes included; use quotes for a phrase, <code>-word</code> to leave one out, <code>or</code> between alternatives.
            </p>
            <BulkBar staff={p.staff} />
            <TicketTable items={p.items} ctx={p.ctx} moreHref={p.moreHref} caption="Search results" empty="No ticket matches these words. Try fewer or different words." />
          </>
        ) : (
          <p class="muted">Type words in the search box at the top (press / to get there) and press Enter.</p>
        )}
      </section>
    </Layout>
  );
}
