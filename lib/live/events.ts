import * as v from 'valibot';

/** What a change notification says: which org, what kind of thing, and its id. Never data. */
export interface LiveEvent {
  org: string;
  kind: 'ticket' | 'message' | 'presence';
  /** The ticket number, as text. */
  id: string;
}

/** The one PostgreSQL channel every live notification travels on (sql/014_live_updates_and_macros.sql). */
export const LIVE_CHANNEL = 'atum_live';

const Payload = v.object({
  org: v.pipe(v.string(), v.uuid()),
  kind: v.picklist(['ticket', 'message', 'presence']),
  id: v.pipe(v.string(), v.regex(/^\d{1,16}$/)),
});

/**
 * Reads a NOTIFY payload; anything else (the hub's own pings, a stray notify) is `undefined`.
 *
 * @example
 * parseLiveEvent('{"org":"6f1c…","kind":"ticket","id":"42"}'); // { org, kind: 'ticket', id: '42' }
 */
export function parseLiveEvent(payload: string): LiveEvent | undefined {
  try {
    const parsed = v.safeParse(Payload, JSON.parse(payload));
    return parsed.success ? parsed.output : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The DOM event names a change becomes in the browser (the hx-sse extension dispatches each SSE
 * `event:` on the element carrying `hx-sse:connect`, `#live-events`). Pages listen with
 * `hx-trigger="ticket-42 from:#live-events"` and re-fetch their fragment:
 * - `tickets`: some ticket of the org changed (queues, dashboard);
 * - `ticket-N`: ticket N's properties or links changed;
 * - `ticket-N-thread`: a message or file was added to (or moved to or from) ticket N;
 * - `ticket-N-presence`: someone started or stopped looking at or replying to ticket N;
 * - `resync` (sent by the stream itself after a reconnect): refresh everything, events may be lost.
 *
 * @example
 * browserEvents({ org, kind: 'ticket', id: '42' }); // ['tickets', 'ticket-42']
 */
export function browserEvents(event: LiveEvent): string[] {
  if (event.kind === 'ticket') return ['tickets', `ticket-${event.id}`];
  if (event.kind === 'message') return [`ticket-${event.id}-thread`];
  return [`ticket-${event.id}-presence`];
}
