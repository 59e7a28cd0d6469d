/**
 * Outbound mail benchmarks, against a real SMTP server (smtp-server on 127.0.0.1):
 * - delivery: N queued outbox rows (ticket-less, pre-rendered like invitations) through the real
 *   worker (graphile-worker, WORKER_CONCURRENCY jobs at once, one SMTP connection per message)
 *   until every row is `sent`: messages per second, and created→sent latency;
 * - rendered ticket mail: the same for acknowledgements, which render the org's template, thread
 *   and tag the subject at the first try;
 * - the cost the acknowledgement trigger adds to creating a ticket: tickets inserted in SQL in an
 *   org with a mailbox (outbox row + job per ticket) against one without.
 */
import os from 'node:os';
import { loadConfig, withUser } from '#lib/config.ts';
import { mailSecretKey } from '#lib/mail/secret-key.ts';
import { createOrg } from '#lib/orgs/create.ts';
import { startWorker } from '#lib/worker.ts';
import { startSmtpSink } from '../helpers/smtp-sink.ts';
import { cpuBetween, cpuSample, type CpuUse } from './cpu.ts';
import { quantile, startBenchServer } from './harness.ts';

const MESSAGES = Number(process.env.BENCH_MAILS ?? 1000);
const TICKETS = Number(process.env.BENCH_MAIL_TICKETS ?? 2000);
const CONCURRENCY = Number(process.env.WORKER_CONCURRENCY ?? 4);
const SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';

/** CPU per item (this process + PostgreSQL), and how many cores other processes took meanwhile. */
const cpuNote = (cpu: CpuUse, n: number) =>
  cpu.nodeSeconds === null || cpu.restSeconds === null
    ? ''
    : ` [CPU ${(((cpu.nodeSeconds + cpu.restSeconds) * 1000) / n).toFixed(2)} ms each: node ${((cpu.nodeSeconds * 1000) / n).toFixed(2)}, postgres ${((cpu.restSeconds * 1000) / n).toFixed(2)}; other processes used ${cpu.others?.toFixed(1)} cores]`;

const server = await startBenchServer();
const smtp = await startSmtpSink();
try {
  const withMailbox = await createOrg(server.owner, { slug: 'mail', name: 'Mail', adminEmail: 'owner@mail.test', adminPassword: 'bench password that is long' });
  const without = await createOrg(server.owner, { slug: 'nomail', name: 'No mail', adminEmail: 'owner@nomail.test', adminPassword: 'bench password that is long' });
  await server.owner`
    insert into mailboxes (org_id, name, smtp_host, smtp_port, smtp_security, from_address)
    values (${withMailbox.orgId}, 'Support', '127.0.0.1', ${smtp.port}, 'none', 'help@mail.test')`;

  // Ticket create with and without the acknowledgement (no worker yet: only the SQL cost).
  const createTickets = async (orgId: string, n: number) => {
    const before = cpuSample(server.database);
    const started = performance.now();
    await server.owner.begin(async (tx) => {
      await tx`select set_config('app.org_id', ${orgId}, true), set_config('app.role', 'admin', true)`;
      const [u] = await tx<{ id: string }[]>`select app.ensure_requester('cust@customer.test', 'Cust', null) as id`;
      await tx`
        insert into tickets (org_id, number, subject, requester_id)
        select ${orgId}, app.next_ticket_number(${orgId}), 'Bench ' || g, ${u!.id} from generate_series(1, ${n}) g`;
    });
    return { ms: (performance.now() - started) / n, cpu: cpuNote(cpuBetween(before, cpuSample(server.database)), n) };
  };
  await createTickets(without.orgId, 200); // warm-up
  const plain = await createTickets(without.orgId, TICKETS);
  const ack = await createTickets(withMailbox.orgId, TICKETS);
  console.log(`ticket insert (SQL, ${TICKETS} in one transaction), org without a mailbox: ${(plain.ms * 1000).toFixed(0)} µs/ticket${plain.cpu}`);
  console.log(`ticket insert, org with a mailbox (acknowledgement row + mail-send job each): ${(ack.ms * 1000).toFixed(0)} µs/ticket${ack.cpu}`);

  const config = loadConfig({ DATABASE_URL: withUser(server.ownerUrl, 'atum_app', 'atum-bench'), APP_SECRET: SECRET, MAIL_RETRY_BASE_SECONDS: '1' });
  const run = async (label: string, expected: number, kind: string | null) => {
    const worker = await startWorker({
      workerUrl: withUser(server.ownerUrl, 'atum_worker', 'atum-bench'),
      sql: server.sql,
      config,
      mailKey: mailSecretKey(config, SECRET),
      concurrency: CONCURRENCY,
      log: (line) => console.log(`  ${line}`),
    });
    const before = cpuSample(server.database);
    const started = performance.now();
    try {
      for (;;) {
        const [row] = await server.owner<{ left: number }[]>`select count(*)::int as left from outbox where state <> 'sent' and (${kind}::text is null or kind = ${kind})`;
        if (row!.left === 0) break;
        if (performance.now() - started > 600_000) throw new Error(`${row!.left} messages still not sent after 10 minutes`);
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await worker.stop();
    }
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuNote(cpuBetween(before, cpuSample(server.database)), expected);
    const latencies = (
      await server.owner<{ ms: number }[]>`
      select extract(epoch from sent_at - created_at) * 1000 as ms from outbox where (${kind}::text is null or kind = ${kind}) order by 1`
    ).map((r) => Number(r.ms));
    console.log(
      `${label}: ${expected} messages, ${CONCURRENCY} jobs at once, ${os.cpus().length} cores: ${(expected / seconds).toFixed(0)} messages/s; ` +
        `created→sent p50 ${(quantile(latencies, 0.5) / 1000).toFixed(1)} s, p95 ${(quantile(latencies, 0.95) / 1000).toFixed(1)} s (all queued at once)${cpu}`,
    );
  };
  await run('acknowledgements (rendered, threaded)', TICKETS, 'ticket_acknowledgement');

  await server.owner.begin(async (tx) => {
    await tx`select set_config('app.org_id', ${withMailbox.orgId}, true), set_config('app.role', 'admin', true)`;
    await tx`
      insert into outbox (org_id, kind, to_address, subject, body_text)
      select ${withMailbox.orgId}, 'invitation', 'person' || g || '@customer.test', 'Hello ' || g, 'A pre-rendered message.' from generate_series(1, ${MESSAGES}) g`;
  });
  await run('pre-rendered mail', MESSAGES, 'invitation');
  if (smtp.mails.length !== TICKETS + MESSAGES) throw new Error(`the SMTP server received ${smtp.mails.length} messages, expected ${TICKETS + MESSAGES}`);
} finally {
  await smtp.close();
  await server.close();
}
