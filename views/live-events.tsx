/**
 * The page's one connection to GET /app/events (hx-sse extension; load it with
 * `<Layout sse>`). Each server event is dispatched as a DOM event on this element, so a fragment
 * refreshes itself with `hx-trigger="ticket-42 from:#live-events"` (names in lib/live/events.ts).
 * hx-sse reconnects by itself with backoff after a drop or a server restart; the server then
 * sends `resync`, which every live fragment also listens to.
 *
 * @example
 * <Layout title="Queue" user={user} sse><LiveEvents />...</Layout>
 */
export function LiveEvents() {
  return <div id="live-events" hidden {...{ 'hx-sse:connect': '/app/events' }}></div>;
}

/** `hx-trigger` for a fragment that refreshes on these live events (and after a reconnect). */
export function liveTrigger(...events: string[]): string {
  return [...events, 'resync'].map((e) => `${e} from:#live-events`).join(', ');
}
