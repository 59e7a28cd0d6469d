import { t, tRich } from '#lib/i18n/translate.ts';
import type { StaffMember } from '#lib/staff/assignable.ts';
import type { TicketRow } from '#lib/tickets/model.ts';
import { AppNav } from '#views/app-nav.tsx';
import { Layout, type LayoutUser } from '#views/layout.tsx';
import { LiveEvents } from '#views/live-events.tsx';
import { BulkBar } from './bulk-bar.tsx';
import type { RowContext } from './ticket-row.tsx';
import { TicketTable } from './ticket-table.tsx';

/**
 * GET /app/search: ticket search (subject and every message, internal notes included) with the
 * queue's rows, which refresh themselves live; the result set itself is as of the search.
 */
export function SearchPage(p: { user: LayoutUser; q: string; items: readonly TicketRow[]; moreHref: string | null; ctx: RowContext; staff: readonly StaffMember[] }) {
  return (
    <Layout title={p.q ? t('search.title_query', { q: p.q }) : t('search.title')} user={p.user} nav={<AppNav current="search" />} q={p.q} sse={p.items.length > 0}>
      {p.items.length ? <LiveEvents /> : null}
      <section id="queue" class="queue" aria-labelledby="search-title">
        <h1 id="search-title">{p.q ? t('search.heading_query', { q: p.q }) : t('search.heading')}</h1>
        {p.q ? (
          <>
            <p class="muted small">{tRich('search.syntax_html', { code: (chunks) => <code>{chunks}</code> })}</p>
            <BulkBar staff={p.staff} />
            <TicketTable items={p.items} ctx={p.ctx} moreHref={p.moreHref} caption={t('search.caption')} empty={t('search.empty')} />
          </>
        ) : (
          <p class="muted">{t('search.start')}</p>
        )}
      </section>
    </Layout>
  );
}
