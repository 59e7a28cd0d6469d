import { randomUUID } from 'node:crypto';
import type { Sql } from '#lib/db/pool.ts';
import { LIVE_CHANNEL, parseLiveEvent, type LiveEvent } from './events.ts';

/** Called for each change of the subscriber's org, and with `resync` when events may have been lost. */
type LiveListener = (event: LiveEvent | 'resync') => void;

export interface LiveHub {
  /**
   * Registers a listener for one org's changes; returns the function that removes it. The
   * first subscription opens the process's LISTEN connection.
   */
  subscribe(orgId: string, listener: LiveListener): () => void;
  /** Open subscriptions, for tests and /health-style probes. */
  size(): number;
  close(): Promise<void>;
}

export interface LiveHubOptions {
  /** How often the LISTEN connection proves it still receives (a NOTIFY to itself); default 10 s. */
  checkEveryMs?: number;
  log?: (line: string) => void;
}

/**
 * One LISTEN connection per process (postgres.js `listen`, which re-listens when its connection
 * closes), fanned out in memory to the open streams of each org. An event only ever goes to the
 * listeners of the org named in it: the payload's `org` picks the set, nothing else does.
 *
 * postgres.js gives up re-listening when the database is down at the moment it tries, so a
 * watchdog sends a ping on the channel every `checkEveryMs`; a ping not heard back by the next
 * check re-subscribes, and every (re)subscription tells all listeners to `resync`, since
 * notifications sent while nobody listened are gone.
 *
 * @example
 * const hub = createLiveHub(sql);
 * const stop = hub.subscribe(orgId, (e) => console.log(e));
 */
export function createLiveHub(sql: Sql, options: LiveHubOptions = {}): LiveHub {
  const checkEveryMs = options.checkEveryMs ?? 10_000;
  const log = options.log ?? (() => {});
  const byOrg = new Map<string, Set<LiveListener>>();
  let started = false;
  let closed = false;
  let unlisten: (() => Promise<void>) | undefined;
  let timer: NodeJS.Timeout | undefined;
  let pending: string | undefined;
  let heard = true;
  let listenedOnce = false;

  const broadcast = (event: 'resync') => {
    for (const set of byOrg.values()) for (const l of set) l(event);
  };

  const onNotify = function fanOut(payload: string) {
    if (payload.startsWith('ping:')) {
      if (payload === pending) heard = true;
      return;
    }
    const event = parseLiveEvent(payload);
    if (!event) return;
    for (const l of byOrg.get(event.org) ?? []) l(event);
  };

  // postgres.js re-listens with the callbacks it was given, and an `unlisten` cannot remove those
  // copies; so after the watchdog subscribed again, earlier subscriptions would each deliver
  // every event once more. Only the newest subscription delivers.
  let generation = 0;

  async function listen(): Promise<void> {
    const mine = ++generation;
    try {
      const result = await sql.listen(
        LIVE_CHANNEL,
        function onLiveNotify(payload) {
          if (mine === generation) onNotify(payload);
        },
        function onListen() {
          if (mine !== generation) return;
          heard = true;
          // The first LISTEN follows the first subscription: nothing was missed yet.
          if (listenedOnce) broadcast('resync');
          listenedOnce = true;
        },
      );
      unlisten = result.unlisten;
    } catch (err) {
      log(`live updates: LISTEN failed (${(err as Error).message}); retrying`);
    }
  }

  async function check(): Promise<void> {
    if (closed) return;
    if (!heard) {
      log('live updates: the LISTEN connection stopped hearing; subscribing again');
      await unlisten?.().catch(() => {});
      unlisten = undefined;
      await listen();
    }
    heard = false;
    pending = `ping:${randomUUID()}`;
    await sql`select pg_notify(${LIVE_CHANNEL}, ${pending})`.catch(() => {});
  }

  function start(): void {
    started = true;
    void listen();
    timer = setInterval(() => void check(), checkEveryMs);
    timer.unref();
  }

  return {
    subscribe(orgId, listener) {
      if (closed) throw new Error('The live hub is closed');
      if (!started) start();
      let set = byOrg.get(orgId);
      if (!set) byOrg.set(orgId, (set = new Set()));
      set.add(listener);
      return function unsubscribe() {
        set.delete(listener);
        if (set.size === 0 && byOrg.get(orgId) === set) byOrg.delete(orgId);
      };
    },
    size() {
      let n = 0;
      for (const set of byOrg.values()) n += set.size;
      return n;
    },
    async close() {
      closed = true;
      if (timer) clearInterval(timer);
      byOrg.clear();
      await unlisten?.().catch(() => {});
    },
  };
}
