import type { MessageKey } from '#lib/i18n/locales.ts';
import { t } from '#lib/i18n/translate.ts';
import type { Present } from '#lib/live/presence.ts';
import { liveTrigger } from '#views/live-events.tsx';
import { ticketPath } from './format.ts';

const DOING: Record<Present['state'], MessageKey> = { viewing: 'ticket.presence.viewing', replying: 'ticket.presence.replying' };

/**
 * Who else is on this ticket: "Ada is viewing", "Ada is replying". Re-fetched when presence
 * changes (a live event) and every 5 s, so that someone who left without saying so disappears.
 */
export function PresenceList(props: { number: number | string; others: Present[] }) {
  return (
    <div
      id="presence"
      class="presence"
      hx-get={ticketPath(props.number, '/presence')}
      hx-trigger={`every 5s, ${liveTrigger(`ticket-${props.number}-presence`)}`}
      hx-swap="innerHTML"
      aria-live="polite"
    >
      <PresenceItems others={props.others} />
    </div>
  );
}

/** Who is there, alone: what GET /app/tickets/:number/presence answers, swapped into `#presence`. */
export function PresenceItems(props: { others: Present[] }) {
  return (
    <>
      {props.others.length ? (
        <ul aria-label={t('ticket.presence.list_label')}>
          {props.others.map((p) => (
            <li class={`present ${p.state}`} data-testid="presence">
              {t(DOING[p.state], { name: p.name })}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

/**
 * The page's own beats: "viewing" on load and every 10 s, "replying" while the composer is
 * typed in (at most every 2 s). Nothing is swapped.
 */
export function PresenceBeats(props: { number: number | string }) {
  const url = ticketPath(props.number, '/presence');
  return (
    <>
      <span hidden hx-post={url} hx-trigger="load, every 10s" hx-vals='{"state":"viewing"}' hx-swap="none"></span>
      <span hidden hx-post={url} hx-trigger="input throttle:2s from:#composer-body" hx-vals='{"state":"replying"}' hx-swap="none"></span>
    </>
  );
}
