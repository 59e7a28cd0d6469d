import type { Child } from 'hono/jsx';
import { formatNumber } from '#lib/i18n/format.ts';
import { t } from '#lib/i18n/translate.ts';
import type { StaffMember } from '#lib/staff/assignable.ts';
import type { TicketRow } from '#lib/tickets/model.ts';
import type { ViewCount } from '#lib/tickets/view-count.ts';
import { AppNav } from '#views/app-nav.tsx';
import { Layout, type LayoutUser } from '#views/layout.tsx';
import { LiveEvents } from '#views/live-events.tsx';
import { BulkBar } from './bulk-bar.tsx';
import { FreshNotice } from './fresh-notice.tsx';
import { QueueNav, type CountedView, type QueueLink } from './queue-nav.tsx';
import { TicketTable } from './ticket-table.tsx';
import type { RowContext } from './ticket-row.tsx';

export interface QueuePageProps {
  user: LayoutUser;
  title: string;
  count: ViewCount;
  /** The filter form for an ad-hoc queue, or a line describing a saved view. */
  controls: Child;
  items: readonly TicketRow[];
  moreHref: string | null;
  ctx: RowContext;
  staff: readonly StaffMember[];
  builtins: readonly QueueLink[];
  views: readonly CountedView[];
  /** The side list entry to mark as current (its href). */
  current: string;
  /** Where the live notice asks what came into the queue since it was drawn (lib/agent-app/queue-fresh.ts). */
  freshHref: string;
}

/**
 * A queue: the side list of queues, then this one's filters, the bulk form and its tickets.
 * #queue is what the filter form swaps, so the side list and the top bar stay put. Live: the
 * rows refresh themselves, the side list's counts follow, and the notice says when tickets
 * outside the drawn rows came in.
 */
export function QueuePage(p: QueuePageProps) {
  const total = p.count.capped ? `${formatNumber(p.count.count)}+` : formatNumber(p.count.count);
  return (
    <Layout title={p.title} user={p.user} nav={<AppNav current="queues" />} sse>
      <LiveEvents />
      <div class="queue-layout">
        <QueueNav builtins={p.builtins} views={p.views} current={p.current} />
        <section id="queue" class="queue" aria-labelledby="queue-title">
          <h1 id="queue-title">
            {p.title}{' '}
            <span class="count" data-testid="queue-count">
              {total}
            </span>
          </h1>
          {p.controls}
          <FreshNotice freshHref={p.freshHref} />
          <BulkBar staff={p.staff} />
          <TicketTable items={p.items} ctx={p.ctx} moreHref={p.moreHref} caption={t('queue.table.caption', { title: p.title })} empty={t('queue.empty')} />
        </section>
      </div>
    </Layout>
  );
}
