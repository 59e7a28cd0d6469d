import { createConnection } from 'node:net';

/** A server the suite connects to rather than starts: the machine's PostgreSQL and Redis. */
export interface Service {
  name: string;
  host: string;
  port: number;
  usedBy: string;
  /** The command that starts it on this machine, when one is known (see `startCommands`). */
  start?: string[];
  /** What to tell a person when it is down and cannot be started here. */
  hint: string;
}

const LOCAL = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/**
 * The servers the suite expects to be running. In embedded mode the suite starts its own
 * PostgreSQL, but test/infra-backup.test.ts still needs the machine's (Debian 12's pg_dump is 15,
 * older than the embedded 17).
 */
export function testServices(env: NodeJS.ProcessEnv): Omit<Service, 'start'>[] {
  const pg = new URL(env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const redis = new URL(env.REDIS_URL || 'redis://127.0.0.1:6379');
  return [
    {
      name: 'PostgreSQL',
      host: pg.hostname,
      port: Number(pg.port || 5432),
      usedBy: env.TEST_DATABASE_URL ? 'every test file (TEST_DATABASE_URL)' : "test/infra-backup.test.ts (the machine's PostgreSQL 15, user postgres without a password)",
      hint: 'start it (Debian: pg_ctlcluster --skip-systemctl-redirect 15 main start), or install it: apt-get install postgresql, with trust for 127.0.0.1 in pg_hba.conf',
    },
    {
      name: 'Redis',
      host: redis.hostname,
      port: Number(redis.port || 6379),
      usedBy: 'test/kv.test.ts and test/throttle.test.ts (REDIS_URL)',
      hint: 'start it: redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no',
    },
  ];
}

/** What this machine knows how to start, in the words `.ci/run` used. */
export interface StartCommands {
  /** Debian clusters by version whose postgresql.conf says this port. */
  postgresClusters(port: number): string[];
  redisServer: boolean;
}

export function withStart(service: Omit<Service, 'start'>, can: StartCommands): Service {
  if (!LOCAL.has(service.host)) return service;
  if (service.name === 'PostgreSQL') {
    const [version] = can.postgresClusters(service.port);
    return version ? { ...service, start: ['pg_ctlcluster', '--skip-systemctl-redirect', version, 'main', 'start'] } : service;
  }
  if (service.name === 'Redis' && can.redisServer) {
    return { ...service, start: ['redis-server', '--daemonize', 'yes', '--bind', '127.0.0.1', '--port', String(service.port), '--save', '', '--appendonly', 'no'] };
  }
  return service;
}

export function accepts(host: string, port: number, timeoutMs = 2_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: host.replace(/^\[|\]$/g, ''), port });
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export function downMessage(down: Service[]): string {
  return `The test suite needs servers that are not answering:\n${down.map((s) => `  ${s.name} at ${s.host}:${s.port}, for ${s.usedBy}: ${s.hint}`).join('\n')}`;
}
