/**
 * The agent pages' server time in an org with 100,000 tickets, over real HTTP with the page's
 * own HTML (as a browser gets it): the dashboard, the unsolved queue with its side list of
 * counted queues, a filtered queue whose count is not on the counters (capped count), the 20th
 * page of "more" rows by cursor, one row's fragment, a ticket page with a 21-message thread,
 * and a rare-word search. Sequential
 * requests as an agent of the big org (Bearer token; the pages take the session cookie or it).
 * Besides latency it reports the CPU each request cost (this Node process, PostgreSQL), which
 * holds when other processes share the cores and stretch the latencies.
 *
 * Sizes: BENCH_ORGS (default 20 here), BENCH_TICKETS (120,000), BENCH_BIG_ORG_TICKETS (100,000);
 * BENCH_PAGE_REQUESTS per page (100; 20 for the tag filter, see below); BENCH_PAGES=/app/queues,/app only the
 * pages at exactly those paths. BENCH_DATABASE_URL / BENCH_DB_NAME reuse a kept seed.
 */
import { signAccessToken } from '#lib/auth/access-token.ts';
import { cpuBetween, cpuSample, waitForQuiet } from './cpu.ts';
import { quantile, startBenchServer } from './harness.ts';
import { loadSeed, RARE_WORD, seedSizeFromEnv, seedTickets } from './seed-tickets.ts';

const size = seedSizeFromEnv({ BENCH_ORGS: '20', BENCH_TICKETS: '120000', BENCH_BIG_ORG_TICKETS: '100000', ...process.env });
const N = Number(process.env.BENCH_PAGE_REQUESTS ?? 100);
const ms = (x: number) => `${x.toFixed(1)} ms`;

const server = await startBenchServer();
try {
  const [existing] = await server.owner<{ n: number }[]>`select count(*)::int as n from organizations where slug like 'bench-%'`;
  const seed = existing!.n > 0 ? await loadSeed(server.owner) : await seedTickets(server.owner, { ...size, log: console.log });
  const [facts] = await server.owner<{ tickets: number; unsolved: number }[]>`
    select count(*)::int as tickets, count(*) filter (where status in ('new', 'open', 'pending', 'on_hold'))::int as unsolved
    from tickets where org_id = ${seed.bigOrgId}`;
  console.log(`big org: ${facts!.tickets} tickets, ${facts!.unsolved} unsolved`);
  const auth = `Bearer ${await signAccessToken(server.keys, { orgId: seed.bigOrgId, userId: seed.bigOrgAgents[0]!, role: 'agent' }, 6 * 3600)}`;

  const get = async (path: string): Promise<{ ms: number; html: string }> => {
    const t0 = performance.now();
    const res = await fetch(server.url + path, { headers: { authorization: auth, accept: 'text/html' } });
    const html = await res.text();
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${html.slice(0, 300)}`);
    return { ms: performance.now() - t0, html };
  };
  // The cursor of page 20 of the unsolved queue, walked through the "more" links as a browser would.
  let href: string | undefined = '/app/queues/rows?status=unsolved';
  for (let page = 1; page < 20 && href; page++) href = /hx-get="([^"]+)" hx-target="#queue-more"/.exec((await get(href)).html)?.[1]?.replace(/&amp;/g, '&');
  // The most recently updated open ticket: a closed one takes no more messages.
  const [one] = await server.owner<{ number: string }[]>`select number::text from tickets where org_id = ${seed.bigOrgId} and status in ('new', 'open', 'pending') order by updated_at desc limit 1`;
  // The seed gives each ticket one message; the ticket page is measured with a working thread:
  // twenty more, every third an internal note, posted through the API as an agent would.
  for (let i = 0; i < 20; i++) {
    const res = await fetch(`${server.url}/api/v1/tickets/${one!.number}/messages`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify({ body: `Reply ${i + 1}: we looked at the logs again and changed the setting you mentioned; please try once more.`, internal: i % 3 === 2 }),
    });
    if (res.status !== 201) throw new Error(`posting a message answered ${res.status}: ${await res.text()}`);
  }

  // The tag filter is measured with few requests: `tags @>` cannot use its GIN index under RLS
  // (array containment is not leakproof), so its capped count reads the org's tickets.
  const pages: [string, string, number][] = [
    ['Dashboard `GET /app`', '/app', N],
    ['Unsolved queue `GET /app/queues` (50 rows, side list with 5 built-in counts)', '/app/queues', N],
    ['Filtered queue `GET /app/queues?priority=urgent` (unsolved; count capped at 1000)', '/app/queues?priority=urgent', N],
    ['Page 20 of "more" `GET /app/queues/rows?status=unsolved&cursor=…`', href!, N],
    ['One row `GET /app/queues/rows/:number`', `/app/queues/rows/${one!.number}`, N],
    ['Ticket page `GET /app/tickets/:number` (21 messages, properties, SLA, history tab)', `/app/tickets/${one!.number}`, N],
    [`Search \`GET /app/search?q=${RARE_WORD}\``, `/app/search?q=${RARE_WORD}`, N],
    ['Tag filter `GET /app/queues?tag=vip&priority=urgent&status=` (any status)', '/app/queues?tag=vip&priority=urgent&status=', 20],
  ];
  // BENCH_PAGES=/app/queues,/app measures only the pages at exactly those paths.
  const only = process.env.BENCH_PAGES?.split(',').filter(Boolean);
  const lines: string[] = [];
  for (const [name, path, n] of pages.filter(([, path]) => !only || only.includes(path))) {
    for (let i = 0; i < Math.min(30, n); i++) await get(path); // warm-up: JIT, pool, prepared statements, cache
    await waitForQuiet({ maxSeconds: 60, threshold: 0.15, database: server.database });
    const before = cpuSample(server.database);
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < n; i++) {
      const r = await get(path);
      times.push(r.ms);
      bytes = r.html.length;
    }
    const cpu = cpuBetween(before, cpuSample(server.database));
    times.sort((a, b) => a - b);
    const perRequest = (seconds: number | null) => (seconds === null ? '?' : `${((seconds * 1000) / n).toFixed(1)} ms`);
    const line = `| ${name} (n=${n}) | p50 ${ms(quantile(times, 0.5))}, **p95 ${ms(quantile(times, 0.95))}**, p99 ${ms(quantile(times, 0.99))} | Node ${perRequest(cpu.nodeSeconds)}, PostgreSQL ${perRequest(cpu.restSeconds)} | ${(bytes / 1024).toFixed(0)} KiB | ${cpu.ours?.toFixed(2) ?? '?'} / ${cpu.others?.toFixed(2) ?? '?'} |`;
    console.log(line);
    lines.push(line);
  }
  console.log(`\n| page (sequential) | server time | CPU per request | HTML | CPU ours / others (cores) |\n|---|---|---|---|---|\n${lines.join('\n')}`);
} finally {
  await server.close();
}
