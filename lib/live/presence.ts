import type { KvStore } from '#lib/kv/store.ts';
import { KvUnavailableError } from '#lib/kv/unavailable.ts';

export type PresenceState = 'viewing' | 'replying';

/** Someone on a ticket page, as others see them. */
export interface Present {
  userId: string;
  name: string;
  state: PresenceState;
}

interface Entry {
  name: string;
  /** Epoch ms until which the person counts as viewing / replying. */
  viewing: number;
  replying: number;
}

/** A page says "still here" every 10 s; three missed beats and it is gone. */
const VIEWING_TTL_MS = 30_000;
/** The composer reports typing at most every 2 s; a pause this long ends "replying". */
const REPLYING_TTL_MS = 8_000;

const key = (orgId: string, ticket: number) => `presence:${orgId}:${ticket}`;

/** One read-modify-write at a time per key in this process; across processes a lost write heals at the next beat. */
const locks = new Map<string, Promise<unknown>>();
function serialised<T>(k: string, fn: () => Promise<T>): Promise<T> {
  const run = (locks.get(k) ?? Promise.resolve()).then(fn, fn);
  const tail = run.catch(() => {});
  locks.set(k, tail);
  void tail.then(() => {
    if (locks.get(k) === tail) locks.delete(k);
  });
  return run;
}

async function load(kv: KvStore, k: string): Promise<Record<string, Entry>> {
  const raw = await kv.get(k);
  if (!raw) return {};
  try {
    return JSON.parse(raw) as Record<string, Entry>;
  } catch {
    return {};
  }
}

function stateOf(e: Entry, now: number): PresenceState | undefined {
  if (e.replying > now) return 'replying';
  if (e.viewing > now) return 'viewing';
  return undefined;
}

/**
 * Records that a person views (or types a reply on) a ticket, in the key-value store with a TTL
 * so that nothing stays behind when pages close. Answers whether what others see changed (a
 * newcomer, or viewing became replying), so the caller notifies only then.
 *
 * @example
 * if (await touchPresence(kv, orgId, 42, { userId, name }, 'replying')) await notifyLive(db, orgId, 'presence', 42);
 */
export function touchPresence(kv: KvStore, orgId: string, ticket: number, who: { userId: string; name: string }, state: PresenceState, now = Date.now()): Promise<boolean> {
  const k = key(orgId, ticket);
  return serialised(k, async () => {
    const all = await load(kv, k);
    const before = all[who.userId] ? stateOf(all[who.userId]!, now) : undefined;
    const entry: Entry = all[who.userId] ?? { name: who.name, viewing: 0, replying: 0 };
    entry.name = who.name;
    entry.viewing = now + VIEWING_TTL_MS;
    if (state === 'replying') entry.replying = now + REPLYING_TTL_MS;
    all[who.userId] = entry;
    for (const [id, e] of Object.entries(all)) if (!stateOf(e, now)) delete all[id];
    await kv.set(k, JSON.stringify(all), Math.ceil(VIEWING_TTL_MS / 1000) + 5);
    return before !== stateOf(entry, now);
  });
}

/**
 * Removes a person from a ticket at once (the page was left); answers whether they were there.
 *
 * @example
 * await leavePresence(kv, orgId, 42, userId);
 */
export function leavePresence(kv: KvStore, orgId: string, ticket: number, userId: string): Promise<boolean> {
  const k = key(orgId, ticket);
  return serialised(k, async () => {
    const all = await load(kv, k);
    if (!all[userId]) return false;
    delete all[userId];
    await kv.set(k, JSON.stringify(all), Math.ceil(VIEWING_TTL_MS / 1000) + 5);
    return true;
  });
}

/**
 * Who is on a ticket now, apart from `exceptUserId`; expired entries are left out.
 *
 * @example
 * const others = await listPresence(kv, orgId, 42, caller.userId);
 */
export async function listPresence(kv: KvStore, orgId: string, ticket: number, exceptUserId: string, now = Date.now()): Promise<Present[]> {
  // Presence is a courtesy: with Redis away the ticket page still opens, showing nobody.
  const all = await load(kv, key(orgId, ticket)).catch((err: unknown) => {
    if (err instanceof KvUnavailableError) return {};
    throw err;
  });
  const out: Present[] = [];
  for (const [userId, e] of Object.entries(all)) {
    const state = stateOf(e, now);
    if (state && userId !== exceptUserId) out.push({ userId, name: e.name, state });
  }
  return out.sort((x, y) => x.name.localeCompare(y.name));
}
