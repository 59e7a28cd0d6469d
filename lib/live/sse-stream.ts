import { browserEvents } from './events.ts';
import type { LiveHub } from './hub.ts';

export interface SseStreamOptions {
  hub: LiveHub;
  orgId: string;
  /** `Last-Event-ID` of a reconnecting client: it gets a `resync` first, as it may have missed events. */
  lastEventId?: string | undefined;
  /** A comment line this often keeps proxies and browsers from timing the stream out; default 15 s. */
  heartbeatMs?: number;
  /**
   * The stream ends after this long (default 10 min) and the browser reconnects by itself: each
   * reconnect passes the session checks again, so a signed-out or disabled person stops
   * receiving within this time.
   */
  maxAgeMs?: number;
  /** Changes within this window go out as one event per name (a bulk update of 100 tickets sends `tickets` once); default 25 ms. */
  coalesceMs?: number;
}

const encoder = new TextEncoder();
/** Distinguishes this process's event ids from a previous one's, so ids never repeat across restarts. */
const BOOT = Date.now().toString(36);
let sequence = 0;

/**
 * The `text/event-stream` response of one open page: named events only (`event: ticket-42`,
 * data the ticket number), never any ticket data, each with an id so that a reconnecting
 * browser sends `Last-Event-ID` and is told to `resync`. The subscription ends when the
 * browser goes away (the body is cancelled) or at `maxAgeMs`.
 *
 * @example
 * return liveEventStream({ hub: c.var.deps.live, orgId: caller.orgId, lastEventId: c.req.header('last-event-id') });
 */
export function liveEventStream(options: SseStreamOptions): Response {
  const { hub, orgId } = options;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const maxAgeMs = options.maxAgeMs ?? 10 * 60_000;
  const coalesceMs = options.coalesceMs ?? 25;
  let stop = () => {};

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const queued = new Map<string, string>();
      let flushTimer: NodeJS.Timeout | undefined;
      const write = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          stop();
        }
      };
      const flush = () => {
        flushTimer = undefined;
        let text = '';
        for (const [name, data] of queued) text += `id: ${BOOT}-${++sequence}\nevent: ${name}\ndata: ${data}\n\n`;
        queued.clear();
        write(text);
      };
      const unsubscribe = hub.subscribe(orgId, (event) => {
        if (event === 'resync') queued.set('resync', '');
        else for (const name of browserEvents(event)) queued.set(name, event.id);
        flushTimer ??= setTimeout(flush, coalesceMs);
      });
      const heartbeat = setInterval(() => write(': keep-alive\n\n'), heartbeatMs);
      const expiry = setTimeout(() => stop(), maxAgeMs);
      stop = () => {
        if (!open) return;
        open = false;
        unsubscribe();
        clearInterval(heartbeat);
        clearTimeout(expiry);
        if (flushTimer) clearTimeout(flushTimer);
        try {
          controller.close();
        } catch {
          // already closed by the reader going away
        }
      };
      // The id gives the browser a Last-Event-ID to send back on reconnect, even when no event came.
      write(`retry: 1000\nid: ${BOOT}-${++sequence}\n: connected\n\n`);
      if (options.lastEventId) {
        queued.set('resync', '');
        flushTimer = setTimeout(flush, 0);
      }
    },
    cancel() {
      stop();
    },
  });
  return new Response(body, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      // nginx: do not buffer this response (infra/nginx also turns buffering off for the path).
      'X-Accel-Buffering': 'no',
    },
  });
}
