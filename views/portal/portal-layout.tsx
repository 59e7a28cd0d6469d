import type { Child } from 'hono/jsx';
import { formatDateTime } from '#lib/i18n/format.ts';
import { statusLabel } from '#lib/i18n/labels.ts';
import type { MessageKey } from '#lib/i18n/locales.ts';
import { t } from '#lib/i18n/translate.ts';
import type { TicketStatus } from '#lib/tickets/model.ts';
import { Layout, type LayoutUser } from '#views/layout.tsx';

/** The customer portal's shell: the shared top bar with the portal's own two links. */
export function PortalLayout(props: { user: LayoutUser; title: string; current?: 'tickets' | 'new'; children: Child }) {
  return (
    <Layout
      title={t('portal.layout.title', { title: props.title })}
      user={props.user}
      nav={
        <>
          <a href="/portal" aria-current={props.current === 'tickets' ? 'page' : undefined}>
            {t('portal.nav.my_requests')}
          </a>
          <a href="/portal/new" aria-current={props.current === 'new' ? 'page' : undefined}>
            {t('portal.nav.new_request')}
          </a>
          {/* The language menu is the shared top bar's (views/layout.tsx), on portal pages too. */}
        </>
      }
    >
      {props.children}
    </Layout>
  );
}

/**
 * A ticket's status in a customer's words, kinder than the agents' (lib/i18n/labels.ts): what
 * the state means for them. Keys written out, so the catalogue check sees each one used.
 */
const STATUS_WORDS: Record<TicketStatus, MessageKey> = {
  new: 'portal.status.new',
  open: 'portal.status.open',
  pending: 'portal.status.pending',
  on_hold: 'portal.status.on_hold',
  solved: 'portal.status.solved',
  closed: 'portal.status.closed',
};

/** A ticket's status in a customer's words (`colleague`: on a request someone else at their company made). */
export function StatusBadge(props: { status: string; colleague?: boolean }) {
  const key = props.colleague && props.status === 'pending' ? 'portal.status.pending_colleague' : STATUS_WORDS[props.status as TicketStatus];
  // A status the portal has no word of its own for reads as the agents' label does.
  return <span class={`badge status-${props.status}`}>{key ? t(key) : statusLabel(props.status)}</span>;
}

/** A moment on a portal page, in the customer's language and time zone. */
export function PortalTime(props: { at: Date | string }) {
  const at = new Date(props.at);
  return <time datetime={at.toISOString()}>{formatDateTime(at)}</time>;
}
