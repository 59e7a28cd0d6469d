import pg from 'pg';

export interface BackoffOptions {
  /** The role the pool signs in as, named in the log line about a refused login. */
  role: string;
  /** Where the URL of that role is configured, named in the same line. */
  setting: string;
  /** First wait after a failed connection attempt; doubles per failure. */
  baseMs?: number;
  /** The longest wait between two attempts. */
  maxMs?: number;
  log: (line: string) => void;
  now?: () => number;
}

/** A connection refused without contacting the server: the pool is waiting out its backoff. */
export class ConnectBackoffError extends Error {
  readonly code = 'ATUM_CONNECT_BACKOFF';
  constructor(
    readonly retryInMs: number,
    override readonly cause: Error,
  ) {
    super(`not connecting to PostgreSQL for another ${Math.ceil(retryInMs / 1000)} s (backoff after: ${cause.message})`);
    this.name = 'ConnectBackoffError';
  }
}

/** PostgreSQL's "invalid_password" and "invalid_authorization_specification" (no such role, pg_hba refusal). */
const LOGIN_REFUSED = new Set(['28P01', '28000']);

/**
 * Gates connection attempts: while PostgreSQL refuses or cannot be reached, at most one attempt
 * is made per backoff window (doubling from `baseMs` to `maxMs`), and every other caller is
 * refused at once without touching the server. graphile-worker retries a failed job fetch every
 * poll interval per concurrent worker; without the gate, a changed password meant 7 failed
 * logins a second in PostgreSQL's log. The first failure of an outage is logged once, naming
 * the role and what to check; the recovery is logged once too.
 *
 * @example
 * const gate = createConnectGate({ role: 'atum_worker', setting: 'WORKER_DATABASE_URL', log });
 * const client = await gate.attempt(() => pool.connect());
 */
export function createConnectGate(opts: BackoffOptions) {
  const baseMs = opts.baseMs ?? 500;
  const maxMs = opts.maxMs ?? 60_000;
  const now = opts.now ?? Date.now;
  let failures = 0;
  let lastError: Error | null = null;
  let nextAttemptAt = 0;
  let probing = false;

  function describe(err: Error & { code?: string }): string {
    if (err.code && LOGIN_REFUSED.has(err.code)) {
      return (
        `PostgreSQL refused the worker's login as role "${opts.role}" (${err.message}). ` +
        `Check that ${opts.setting} carries that role's current password (after ALTER ROLE ${opts.role} PASSWORD …, update the URL and restart the worker) ` +
        `and that pg_hba.conf lets the role in; retrying with backoff (at most one attempt every ${maxMs / 1000} s).`
      );
    }
    return `the worker cannot connect to PostgreSQL as role "${opts.role}" (${err.message}); retrying with backoff (at most one attempt every ${maxMs / 1000} s).`;
  }

  return {
    /** Connection attempts refused without contacting the server since the last success. */
    get failures() {
      return failures;
    },
    async attempt<T>(connect: () => Promise<T>): Promise<T> {
      if (failures > 0) {
        const wait = nextAttemptAt - now();
        if (probing || wait > 0) throw new ConnectBackoffError(Math.max(wait, 0), lastError!);
        probing = true;
      }
      const wasFailing = failures > 0;
      try {
        const result = await connect();
        if (failures > 0) opts.log(`worker: connected to PostgreSQL as role "${opts.role}" again after ${failures} failed attempt(s)`);
        failures = 0;
        lastError = null;
        return result;
      } catch (raw) {
        const err = raw instanceof Error ? raw : new Error(String(raw));
        // Attempts already in flight when the first failed count as one failure.
        if (!wasFailing && failures > 0) throw err;
        if (failures === 0) opts.log(describe(err));
        failures += 1;
        lastError = err;
        nextAttemptAt = now() + Math.min(baseMs * 2 ** (failures - 1), maxMs);
        throw err;
      } finally {
        if (wasFailing) probing = false;
      }
    },
  };
}

export type ConnectGate = ReturnType<typeof createConnectGate>;

type ConnectCallback = (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: boolean | Error) => void) => void;

/** A node-postgres pool whose every connection (graphile-worker's included) goes through a ConnectGate. */
export class BackoffPool extends pg.Pool {
  readonly #gate: ConnectGate;

  constructor(config: pg.PoolConfig, gate: ConnectGate) {
    super(config);
    this.#gate = gate;
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: ConnectCallback): void;
  // biome-ignore lint/suspicious/noConfusingVoidType: the implementation signature of pg.Pool's two connect() overloads
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
    const connected = this.#gate.attempt(() => super.connect());
    if (!callback) return connected;
    connected.then(
      (client) => callback(undefined, client, (release) => client.release(release)),
      (err: Error) => callback(err, undefined, () => {}),
    );
  }
}
