import type { Dashboard, DashboardList } from '#lib/agent-app/dashboard.ts';
import { formatDate, formatNumber } from '#lib/i18n/format.ts';
import { forReader, reader } from '#lib/i18n/reader.ts';
import { t } from '#lib/i18n/translate.ts';
import { AppNav } from '#views/app-nav.tsx';
import { Layout, type LayoutUser } from '#views/layout.tsx';
import { LiveEvents } from '#views/live-events.tsx';
import type { RowContext } from '#views/queue/ticket-row.tsx';
import { TicketTable } from '#views/queue/ticket-table.tsx';
import { SlaAtRisk } from './sla-at-risk.tsx';

function Stat(props: { label: string; value: number; href?: string; testId: string }) {
  return (
    <div class="stat" data-testid={props.testId}>
      <span class="stat-value">{formatNumber(props.value)}</span>
      <span class="stat-label">{props.href ? <a href={props.href}>{props.label}</a> : props.label}</span>
    </div>
  );
}

function ListSection(props: { id: string; title: string; list: DashboardList; ctx: RowContext; empty: string }) {
  return (
    <section aria-labelledby={`${props.id}-title`} class="dash-list">
      <h2 id={`${props.id}-title`}>
        {props.title} <span class="count">{formatNumber(props.list.count)}</span>
      </h2>
      <TicketTable id={props.id} items={props.list.items} ctx={props.ctx} moreHref={null} caption={props.title} empty={props.empty} />
      {props.list.count > props.list.items.length ? (
        <p class="small">
          <a href={props.list.href}>{t('dashboard.see_all', { count: props.list.count })}</a>
        </p>
      ) : null}
    </section>
  );
}

/**
 * The org's day (YYYY-MM-DD, already in the org's zone) in the reader's words. It is a calendar
 * day, not a moment: read at noon UTC in UTC, so the reader's own zone cannot move it a day.
 */
function orgDay(day: string): string {
  return forReader({ locale: reader().locale, timeZone: 'UTC' }, () => formatDate(new Date(`${day}T12:00:00Z`)));
}

/**
 * GET /app for staff: what needs them now (SLA first), and how the day is going. Live: when any
 * ticket of the org changes, the whole #dashboard is drawn again (at most every 2 s), since a
 * change can move a ticket between its lists and counts.
 */
export function DashboardPage(props: { user: LayoutUser; data: Dashboard; ctx: RowContext }) {
  const { data } = props;
  return (
    <Layout title={t('dashboard.title')} user={props.user} nav={<AppNav current="home" />} sse>
      <LiveEvents />
      <div id="dashboard" hx-get="/app" hx-select="#dashboard" hx-swap="outerHTML" hx-trigger="tickets from:#live-events throttle:2s, resync from:#live-events">
        <h1>{t('dashboard.title')}</h1>
        <div class="stats">
          <Stat label={t('dashboard.stat.mine')} value={data.mine.count} href={data.mine.href} testId="stat-mine" />
          <Stat label={t('common.unassigned')} value={data.unassigned.count} href={data.unassigned.href} testId="stat-unassigned" />
          <Stat label={t('dashboard.stat.sla')} value={data.slaAtRisk.count} testId="stat-sla" />
          <Stat label={t('dashboard.stat.created')} value={data.today.created} testId="stat-created" />
          <Stat label={t('dashboard.stat.solved')} value={data.today.solved} testId="stat-solved" />
        </div>
        <p class="muted small">{t('dashboard.today', { day: orgDay(data.today.day), zone: data.today.zone })}</p>
        <SlaAtRisk data={data.slaAtRisk} staff={props.ctx.staff} />
        <ListSection id="dash-mine" title={t('dashboard.mine.title')} list={data.mine} ctx={props.ctx} empty={t('dashboard.mine.empty')} />
        <ListSection id="dash-unassigned" title={t('common.unassigned')} list={data.unassigned} ctx={props.ctx} empty={t('dashboard.unassigned.empty')} />
      </div>
    </Layout>
  );
}
