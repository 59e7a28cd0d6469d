/** What one request of the load did. */
export interface Sample {
  kind: 'write' | 'read' | 'page' | 'health';
  client: number;
  started: number;
  ended: number;
  /** 0 when no HTTP answer came at all (refused, reset, timed out). */
  status: number;
  retryAfter: string | null;
  contentType: string;
  /** The network failure, when there was no answer. */
  error?: string;
  /** For a write answered 2xx: the ticket the API said it created. */
  ticket?: { number: number; subject: string };
}

export interface Load {
  samples: Sample[];
  /** Lets every client finish its request in flight, then resolves. */
  stop(): Promise<void>;
}

export interface LoadOptions {
  url: string;
  /** `Authorization` header for the JSON API. */
  auth: string;
  /** `Cookie` header for the pages. */
  cookie: string;
  clients: number;
  /** Pause between one client's requests: a paced load, not a synchronisation. */
  paceMs: number;
}

const CYCLE: Sample['kind'][] = ['write', 'read', 'write', 'page', 'read', 'health'];

/**
 * Concurrent clients, each cycling through ticket creates (acknowledged writes), ticket lists,
 * the dashboard page and health, recording every answer for the test to judge afterwards.
 *
 * @example
 * const load = startLoad({ url, auth, cookie, clients: 8, paceMs: 20 });
 * await load.stop();
 */
export function startLoad(options: LoadOptions): Load {
  const samples: Sample[] = [];
  let running = true;
  const client = async (id: number) => {
    for (let n = id; running; n++) {
      const kind = CYCLE[n % CYCLE.length]!;
      samples.push(await request(options, kind, id, n));
      await new Promise((r) => setTimeout(r, options.paceMs));
    }
  };
  const clients = Array.from({ length: options.clients }, (_, i) => client(i));
  return {
    samples,
    async stop() {
      running = false;
      await Promise.all(clients);
    },
  };
}

async function request(options: LoadOptions, kind: Sample['kind'], client: number, n: number): Promise<Sample> {
  const subject = `outage ${client}-${n}`;
  const init: RequestInit =
    kind === 'write'
      ? { method: 'POST', headers: { authorization: options.auth, 'content-type': 'application/json' }, body: JSON.stringify({ subject, body: `written by client ${client}` }) }
      : kind === 'page'
        ? { headers: { cookie: options.cookie, accept: 'text/html' } }
        : { headers: { authorization: options.auth } };
  const path = { write: '/api/v1/tickets', read: '/api/v1/tickets', page: '/app', health: '/api/v1/health' }[kind];
  const started = Date.now();
  try {
    const res = await fetch(`${options.url}${path}`, { ...init, signal: AbortSignal.timeout(20_000) });
    const text = await res.text();
    const sample: Sample = { kind, client, started, ended: Date.now(), status: res.status, retryAfter: res.headers.get('retry-after'), contentType: res.headers.get('content-type') ?? '' };
    if (kind === 'write' && res.ok) {
      sample.ticket = { number: (JSON.parse(text) as { number: number }).number, subject };
    }
    return sample;
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    return { kind, client, started, ended: Date.now(), status: 0, retryAfter: null, contentType: '', error: `${(err as Error).message}${cause ? ` (${cause})` : ''}` };
  }
}
