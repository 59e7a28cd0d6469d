import type { Dashboard, DashboardList } from '#lib/agent-app/dashboard.ts';
import { AppNav } from '#views/app-nav.tsx';
import { Layout, type LayoutUser } from '#views/layout.tsx';
import { LiveEvents } from '#views/live-events.tsx';
import { TicketTable } from '#views/queue/ticket-table.tsx';
import type { RowContext } from '#views/queue/ticket-row.tsx';
import { SlaAtRisk } from './sla-at-risk.tsx';

function Stat(props: { label: string; value: number; href?: string; testId: string }) {
  return (
    <div class="stat" data-testid={props.testId}>
      <span class="stat-value">{String(props.value)}</span>
      <span class="stat-label">{props.href ? <a href={props.href}>{props.label}</a> : props.label}</span>
    </div>
  );
}

function ListSection(props: { id: string; title: string; list: DashboardList; ctx: RowContext; empty: string }) {
  return (
    <section aria-labelledby={`${props.id}-title`} class="dash-list">
      <h2 id={`${props.id}-title`}>
        {props.title} <span class="count">{String(props.list.count)}</span>
      </h2>
      <TicketTable id={props.id} items={props.list.items} ctx={props.ctx} moreHref={null} caption={props.title} empty={props.empty} />
      {props.list.count > props.list.items.length ? (
        <p class="small">
          <a href={props.list.href}>See all {String(props.list.count)}</a>
        </p>
      ) : null}
    </section>
  );
}

/**
 * GET /app for staff: what needs them now (SLA first), and how the day is going. Live: when any
 * ticket of the org changes, the whole #dashboard is drawn again (at most every 2 s), since a
 * change can move a ticket between its lists and counts.
 */
export function DashboardPage(props: { user: LayoutUser; data: Dashboard; ctx: RowContext }) {
  const { data } = props;
  return (
    <Layout title="Dashboard" user={props.user} nav={<AppNav current="home" />} sse>
      <LiveEvents />
      <div id="dashboard" hx-get="/app" hx-select="#dashboard" hx-swap="outerHTML" hx-trigger="tickets from:#live-events throttle:2s, resync from:#live-events">
        <h1>Dashboard</h1>
        <div class="stats">
          <Stat label="My unsolved" value={data.mine.count} href={data.mine.href} testId="stat-mine" />
          <Stat label="Unassigned" value={data.unassigned.count} href={data.unassigned.href} testId="stat-unassigned" />
          <Stat label="SLA due within the hour" value={data.slaAtRisk.count} testId="stat-sla" />
          <Stat label="Created today" value={data.today.created} testId="stat-created" />
          <Stat label="Solved today" value={data.today.solved} testId="stat-solved" />
        </div>
        <p class="muted small">
          Today is {data.today.day} in {data.today.zone} (the organization's time zone).
        </p>
        <SlaAtRisk data={data.slaAtRisk} staff={props.ctx.staff} zone={props.ctx.zone} />
        <ListSection id="dash-mine" title="My unsolved tickets" list={data.mine} ctx={props.ctx} empty="Nothing assigned to you is waiting. Pick one from Unassigned." />
        <ListSection id="dash-unassigned" title="Unassigned" list={data.unassigned} ctx={props.ctx} empty="Every unsolved ticket has an owner." />
      </div>
    </Layout>
  );
}
