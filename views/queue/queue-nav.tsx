import { formatNumber } from '#lib/i18n/format.ts';
import { t } from '#lib/i18n/translate.ts';
import type { ViewRow } from '#lib/tickets/saved-views.ts';

/** A queue in the side list: a built-in one (a filter link) or a saved view, with its count. */
export interface QueueLink {
  label: string;
  href: string;
  count: number | null;
  capped: boolean;
}

export type CountedView = ViewRow & { count: number | null; capped: boolean };

function Count(props: { count: number | null; capped: boolean }) {
  if (props.count === null)
    return (
      <span class="count muted" title={t('queue.nav.view_broken')}>
        !
      </span>
    );
  return <span class="count">{props.capped ? `${formatNumber(props.count)}+` : formatNumber(props.count)}</span>;
}

function Item(props: { link: QueueLink; current: string }) {
  return (
    <li>
      <a href={props.link.href} aria-current={props.link.href === props.current ? 'page' : undefined}>
        <span>{props.link.label}</span>
        <Count count={props.link.count} capped={props.link.capped} />
      </a>
    </li>
  );
}

/**
 * The queues beside the list: the built-in ones, then the caller's personal views and their
 * teams' views (GET /api/v1/views manages them), each with how many tickets it holds now. The
 * counts follow this page's own bulk actions at once and anyone's changes (live) at most every 2 s.
 */
export function QueueNav(props: { builtins: readonly QueueLink[]; views: readonly CountedView[]; current: string }) {
  const asLink = (v: CountedView): QueueLink => ({ label: v.name, href: `/app/queues/${v.id}`, count: v.count, capped: v.capped });
  const personal = props.views.filter((v) => !v.team_id).map(asLink);
  const team = props.views.filter((v) => v.team_id).map(asLink);
  return (
    <nav
      id="queue-nav"
      class="queue-nav"
      aria-label={t('queue.nav.label')}
      hx-get={`/app/queues/nav?current=${encodeURIComponent(props.current)}`}
      hx-trigger="tickets-changed from:body, tickets from:#live-events throttle:2s, resync from:#live-events"
      hx-swap="outerHTML"
    >
      <ul>
        {props.builtins.map((l) => (
          <Item link={l} current={props.current} />
        ))}
      </ul>
      <h2 class="small muted">{t('queue.nav.my_views')}</h2>
      {personal.length ? (
        <ul>
          {personal.map((l) => (
            <Item link={l} current={props.current} />
          ))}
        </ul>
      ) : (
        <p class="muted small">{t('queue.nav.no_views')}</p>
      )}
      {team.length ? (
        <>
          <h2 class="small muted">{t('queue.nav.team_views')}</h2>
          <ul>
            {team.map((l) => (
              <Item link={l} current={props.current} />
            ))}
          </ul>
        </>
      ) : null}
    </nav>
  );
}
