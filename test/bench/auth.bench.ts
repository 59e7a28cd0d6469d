/**
 * Identity benchmarks over real HTTP:
 * - login latency with 4 sign-ins in flight at once: this is the argon2id cost (m=19456, t=2, p=1)
 *   plus the session writes, on a machine with as many cores as it has;
 * - throughput of an authenticated GET /api/v1/me (JWT check + membership/session/IP check in SQL).
 */
import os from 'node:os';
import autocannon from 'autocannon';
import { createOrg } from '#lib/orgs/create.ts';
import { quantile, startBenchServer } from './harness.ts';

const LOGIN_CONCURRENCY = 4;
const LOGINS = Number(process.env.BENCH_LOGINS ?? 200);
const ME_CONCURRENCY = 16;
const ME_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PASSWORD = 'bench password that is long';

const server = await startBenchServer();
try {
  await createOrg(server.owner, { slug: 'bench', name: 'Bench', adminEmail: 'owner@bench.test', adminPassword: PASSWORD });
  const login = async (): Promise<{ ms: number; access: string }> => {
    const started = performance.now();
    const res = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ org: 'bench', email: 'owner@bench.test', password: PASSWORD }),
    });
    if (res.status !== 200) throw new Error(`login answered ${res.status}: ${await res.text()}`);
    const { access_token } = (await res.json()) as { access_token: string };
    return { ms: performance.now() - started, access: access_token };
  };

  for (let i = 0; i < 8; i++) await login(); // warm-up: JIT, pool connections, argon2 pages
  const latencies: number[] = [];
  let next = 0;
  const loginStarted = performance.now();
  await Promise.all(
    Array.from({ length: LOGIN_CONCURRENCY }, async () => {
      while (next++ < LOGINS) latencies.push((await login()).ms);
    }),
  );
  const loginSeconds = (performance.now() - loginStarted) / 1000;
  latencies.sort((a, b) => a - b);
  console.log(`login: ${LOGINS} sign-ins, ${LOGIN_CONCURRENCY} concurrent, ${os.cpus().length} cores`);
  console.log(
    `  p50 ${quantile(latencies, 0.5).toFixed(1)} ms, p95 ${quantile(latencies, 0.95).toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms, ${(LOGINS / loginSeconds).toFixed(1)} logins/s`,
  );

  // autocannon's HTTP client is far lighter than fetch, so the server gets most of the CPU.
  const { access } = await login();
  const result = await autocannon({ url: `${server.url}/api/v1/me`, connections: ME_CONCURRENCY, duration: ME_SECONDS, headers: { authorization: `Bearer ${access}` } });
  console.log(`GET /api/v1/me: ${ME_CONCURRENCY} connections for ${ME_SECONDS} s (autocannon, same machine)`);
  console.log(
    `  ${result.requests.average.toFixed(0)} req/s, latency p50 ${result.latency.p50} ms, p97.5 ${result.latency.p97_5} ms, p99 ${result.latency.p99} ms, ${result.non2xx} non-2xx, ${result.errors} errors`,
  );
} finally {
  await server.close();
}
