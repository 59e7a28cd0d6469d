import type { Freshness } from '#lib/agent-app/queue-fresh.ts';
import { t } from '#lib/i18n/translate.ts';

/** What the notice says, and the link that redraws the queue (in place, keeping the URL). */
export function FreshMessage(props: { fresh: Freshness; listHref: string }) {
  const { count, more, resync } = props.fresh;
  if (!count) return null;
  // "50+" when the check stopped looking: always the plural, whatever the number.
  const what = resync ? t(more ? 'queue.fresh.resync_more' : 'queue.fresh.resync', { count }) : t(more ? 'queue.fresh.came_more' : 'queue.fresh.came', { count });
  return (
    <p class="notice fresh" data-testid="queue-fresh">
      {what}{' '}
      <a href={props.listHref} hx-get={props.listHref} hx-target="#queue" hx-select="#queue" hx-swap="outerHTML">
        {t('queue.fresh.show_current')}
      </a>
    </p>
  );
}

/**
 * The queue's live notice. The rows on screen refresh themselves; this asks the server, on
 * every `tickets` live event (at most once a second), whether tickets outside them have come
 * into the queue, and after a reconnect (`resync`) whether any changed at all. It never
 * redraws the list by itself: rows jumping under the pointer would lose the agent's place and
 * their ticks.
 */
export function FreshNotice(props: { freshHref: string }) {
  return (
    <>
      <div id="queue-fresh" aria-live="polite" hx-get={props.freshHref} hx-trigger="tickets from:#live-events throttle:1s" hx-swap="innerHTML"></div>
      <span hidden hx-get={`${props.freshHref}&resync=1`} hx-trigger="resync from:#live-events" hx-target="#queue-fresh" hx-swap="innerHTML"></span>
    </>
  );
}
