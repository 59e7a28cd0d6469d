import { channelLabel } from '#lib/i18n/labels.ts';
import { t } from '#lib/i18n/translate.ts';
import type { Present } from '#lib/live/presence.ts';
import type { MacroRow } from '#lib/macros/model.ts';
import type { HistoryEntry } from '#lib/tickets/history.ts';
import type { SidebarData } from '#lib/tickets/ticket-page.ts';
import type { ThreadMessage } from '#lib/tickets/thread.ts';
import { AppNav } from '#views/app-nav.tsx';
import { Layout, type LayoutUser } from '#views/layout.tsx';
import { LiveEvents } from '#views/live-events.tsx';
import { Composer } from './composer.tsx';
import { ticketPath } from './format.ts';
import { History, type Names } from './history.tsx';
import { PresenceBeats, PresenceList } from './presence.tsx';
import { Properties } from './properties.tsx';
import { Thread } from './thread.tsx';

export interface TicketPageProps {
  user: LayoutUser;
  sidebar: SidebarData;
  tab: 'conversation' | 'history';
  thread: ThreadMessage[];
  history: HistoryEntry[];
  names: Names;
  macros: MacroRow[];
  others: Present[];
}

function Tabs(props: { number: string; tab: TicketPageProps['tab'] }) {
  const tab = (id: TicketPageProps['tab'], text: string, href: string) => (
    <a role="tab" href={href} aria-selected={props.tab === id ? 'true' : 'false'} class={props.tab === id ? 'tab active' : 'tab'}>
      {text}
    </a>
  );
  return (
    <div class="tabs" role="tablist" aria-label={t('ticket.page.tabs_label')}>
      {tab('conversation', t('ticket.tab.conversation'), ticketPath(props.number))}
      {tab('history', t('ticket.tab.history'), ticketPath(props.number, '?tab=history'))}
    </div>
  );
}

/**
 * The ticket page: header (subject, requester, SLA, presence, Solve), the conversation or the
 * history, the composer, and the properties sidebar. Every region refreshes itself on live
 * events (GET /app/events), so a colleague's reply or change shows without a reload.
 */
export function TicketPage(props: TicketPageProps) {
  const { ticket } = props.sidebar;
  const n = ticket.number;
  return (
    <Layout title={`#${n} ${ticket.subject}`} user={props.user} nav={<AppNav />} sse>
      <link rel="stylesheet" href="/assets/ticket.css" />
      <script src="/assets/ticket.js" defer></script>
      <LiveEvents />
      <PresenceBeats number={n} />
      <div class="ticket-page" data-ticket={n}>
        <header class="ticket-head">
          <div>
            <h1>
              <span class="muted">#{n}</span> {ticket.subject}
            </h1>
            <p class="muted small">{t('ticket.page.from', { requester: `${ticket.requester_name || ticket.requester_email} <${ticket.requester_email}>`, channel: channelLabel(ticket.channel) })}</p>
          </div>
          <div class="head-side">
            <button
              type="button"
              data-shortcut="e"
              hx-post={ticketPath(n, '/properties')}
              hx-vals='{"status":"solved"}'
              hx-target="#ticket-properties"
              hx-swap="innerHTML"
              hx-sync="#ticket-properties:queue all"
            >
              {t('ticket.page.solve')}
            </button>
          </div>
          <PresenceList number={n} others={props.others} />
        </header>
        <div class="ticket-layout">
          <div class="ticket-main">
            <Tabs number={n} tab={props.tab} />
            <div role="tabpanel" id="tab-panel">
              {props.tab === 'history' ? <History number={n} entries={props.history} names={props.names} /> : <Thread number={n} requesterId={ticket.requester_id} messages={props.thread} />}
            </div>
            <Composer number={n} macros={props.macros} />
          </div>
          <Properties {...props.sidebar} />
        </div>
      </div>
    </Layout>
  );
}
