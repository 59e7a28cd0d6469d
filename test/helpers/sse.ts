/** One server-sent event as read off the wire. */
interface SseEvent {
  id: string;
  event: string;
  data: string;
}

export interface SseReader {
  /** Every event received so far, in order. */
  events: SseEvent[];
  /** Comment lines (`: keep-alive`) received so far. */
  comments: string[];
  /** Resolves with the first event matching `match` (already received or still to come); rejects after `timeoutMs`. */
  waitFor(match: (e: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  close(): Promise<void>;
}

/**
 * Reads a `text/event-stream` response in the background, for tests that wait for an event
 * (with a deadline, never a sleep).
 *
 * @example
 * const stream = readSse(await t.request('/app/events', { as: agent }));
 * await stream.waitFor((e) => e.event === 'ticket-1');
 */
export function readSse(res: Response): SseReader {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const events: SseEvent[] = [];
  const comments: string[] = [];
  const waiters = new Set<() => void>();
  let done = false;
  let buffer = '';
  let current: SseEvent = { id: '', event: '', data: '' };
  void (async () => {
    try {
      for (;;) {
        const { value, done: end } = await reader.read();
        if (end) break;
        buffer += decoder.decode(value, { stream: true });
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) {
          if (line === '') {
            if (current.event || current.data) events.push(current);
            current = { id: current.id, event: '', data: '' };
          } else if (line.startsWith(':')) comments.push(line.slice(1).trim());
          else {
            const [field, ...rest] = line.split(':');
            const value = rest.join(':').replace(/^ /, '');
            if (field === 'id') current.id = value;
            else if (field === 'event') current.event = value;
            else if (field === 'data') current.data = value;
          }
        }
        for (const w of waiters) w();
      }
    } catch {
      // cancelled by close()
    } finally {
      done = true;
      for (const w of waiters) w();
    }
  })();
  return {
    events,
    comments,
    waitFor(match, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(match);
          if (found) {
            cleanup();
            resolve(found);
          } else if (done) {
            cleanup();
            reject(new Error(`The stream ended without the event; got ${JSON.stringify(events)}`));
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`No matching event within ${timeoutMs} ms; got ${JSON.stringify(events)}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    async close() {
      await reader.cancel().catch(() => {});
    },
  };
}
