import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { chmod, copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readableBy } from '#lib/cli/doctor/readable-by.ts';
import { tlsChecks } from '#lib/cli/doctor/tls.ts';
import { createPool } from '#lib/db/pool.ts';
import { pollMailbox } from '#lib/mail/inbound/poll.ts';
import { freePort } from './helpers/free-port.ts';
import { makeTestTls, startNginx, type TestNginx, type TestTls } from './helpers/nginx.ts';
import { TEST_SECRET, useTestApp, type Member } from './helpers/app.ts';

/**
 * `atum doctor` against the first deployment's failures, built for real: a self-signed
 * certificate whose key nginx's www-data workers cannot read, Debian's nginx in front, the API
 * listening on 0.0.0.0, a worker heartbeat ten minutes old, a job that used up its attempts and a
 * mailbox pointed at a dead IMAP port. Each must be named; the mended setup must pass.
 */
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });
const run = promisify(execFile);
const t = useTestApp();
let tls: TestTls;
let owner: Member;

interface Api {
  port: number;
  close(): Promise<void>;
}

function serveOn(hostname: string): Promise<Api> {
  return new Promise((resolve) => {
    const server = serve({ fetch: t.app.fetch, hostname, port: 0 }, (info: AddressInfo) =>
      resolve({
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      }),
    ) as Server;
  });
}

/** The real CLI, as `npm run atum -- doctor` runs it, trusting the test certificate. */
async function doctor(api: Api, nginx: TestNginx) {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    DATABASE_URL: t.db.appUrl,
    DATABASE_OWNER_URL: t.db.ownerUrl,
    WORKER_DATABASE_URL: t.db.workerUrl,
    APP_SECRET: TEST_SECRET,
    PORT: String(api.port),
    PUBLIC_URL: nginx.url,
    NODE_EXTRA_CA_CERTS: tls.cert,
  };
  return run('node_modules/.bin/tsx', ['lib/cli/index.ts', 'doctor', '--nginx-site', nginx.site, '--nginx-conf', nginx.conf], { env }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );
}

const beat = (ago: string) => t.owner`
  insert into app.worker_heartbeat (worker, beat_at) values ('doctor-test', now() - ${ago}::interval)
  on conflict (id) do update set worker = excluded.worker, beat_at = excluded.beat_at`;

beforeAll(async () => {
  tls = await makeTestTls();
  owner = await t.org('doctor');
});
afterAll(async () => {
  if (tls) await rm(tls.dir, { recursive: true, force: true });
});

describe('atum doctor', () => {
  let mailboxId: string;

  it('names each failure of a broken deployment and exits non-zero', async () => {
    await tls.lockKey();
    const api = await serveOn('0.0.0.0');
    const nginx = await startNginx(tls, api.port);
    try {
      await beat('10 minutes');
      await t.owner`select graphile_worker.add_job('mail-send', '{}'::json, max_attempts => 1)`;
      await t.owner`update graphile_worker._private_jobs set attempts = 1, last_error = 'Error: SMTP greeting timed out'`;
      const deadPort = await freePort();
      const res = await t.request('/api/v1/mailboxes', {
        method: 'POST',
        as: owner,
        body: {
          name: 'Support',
          from_address: 'help@doctor.test',
          imap_host: '127.0.0.1',
          imap_port: deadPort,
          imap_security: 'none',
          imap_user: 'help',
          imap_password: 'pw',
        },
      });
      expect(res.status, await res.clone().text()).toBe(201);
      mailboxId = ((await res.json()) as { id: string }).id;
      const polled = await pollMailbox(
        {
          sql: t.deps.unscoped,
          key: t.deps.mailKey,
          kv: t.deps.kv,
          log: () => {},
          dataDir: t.deps.config.dataDir,
          attachmentMaxBytes: t.deps.config.attachmentMaxBytes,
          mailMaxBytes: t.deps.config.mailMaxBytes,
          autoreplyCapPerHour: 10,
        },
        owner.orgId,
        mailboxId,
      );
      expect(polled.error).toMatch(/ECONNREFUSED/);

      const { code, out } = await doctor(api, nginx);
      expect(code, out).toBe(1);
      expect(out).toMatch(new RegExp(`^FAIL +tls key +${tls.key} is not readable by nginx's user www-data \\(mode 0600 uid 0 gid 0\\)`, 'm'));
      expect(out).toMatch(new RegExp(`^FAIL +api listening +the API listens on (0\\.0\\.0\\.0|\\[::\\]):${api.port}.*set HOST=127\\.0\\.0\\.1`, 'm'));
      expect(out).toMatch(/^FAIL +worker +stale: last heartbeat .*, 10 min ago/m);
      expect(out).toMatch(
        /^FAIL +jobs +1 job has used up its attempts .*1 mail-send \(last error: Error: SMTP greeting timed out\)\. .*select graphile_worker\.complete_jobs\(array\(select id from graphile_worker\.jobs where attempts >= max_attempts\)\)$/m,
      );
      expect(out).toMatch(/^FAIL +mailboxes +1 failing: "Support" .*ECONNREFUSED/m);
      expect(out).toMatch(/^FAIL +https health +https:\/\/localhost:\d+\/api\/v1\/health: 200 but degraded: worker stale, 1 failing mailbox$/m);
      // What does work is not blamed: the certificate itself and the sign-in redirect through nginx.
      expect(out).toMatch(/^ok +tls validity +certificate matches the key/m);
      expect(out).toMatch(/^ok +https sign-in +GET https:\/\/localhost:\d+\/ → 302 \/login$/m);
    } finally {
      await nginx.stop();
      await api.close();
    }
  });

  it('fails a certificate that ends within 14 days, or that belongs to another key', async () => {
    const short = await makeTestTls(10);
    const other = await makeTestTls();
    try {
      const site = path.join(short.dir, 'site.conf');
      await writeFile(site, `server { ssl_certificate ${short.cert}; ssl_certificate_key ${short.key}; }`);
      expect((await tlsChecks({ site, conf: '/nonexistent' })).find((c) => c.name === 'tls validity')).toMatchObject({
        ok: false,
        detail: expect.stringMatching(/expires .* \(in 9 days\): renew it/),
      });
      await writeFile(site, `server { ssl_certificate ${short.cert}; ssl_certificate_key ${other.key}; }`);
      expect((await tlsChecks({ site, conf: '/nonexistent' })).find((c) => c.name === 'tls validity')).toMatchObject({ ok: false, detail: expect.stringMatching(/does not belong to the key/) });
    } finally {
      await rm(short.dir, { recursive: true, force: true });
      await rm(other.dir, { recursive: true, force: true });
    }
  });

  it('tells whether www-data may read a file the same way as www-data itself and from the modes alone', async () => {
    const dir = path.join(tls.dir, 'closed');
    await mkdir(dir, { recursive: true });
    const inClosed = path.join(dir, 'desk.key');
    await copyFile(tls.cert, inClosed);
    await chmod(inClosed, 0o644);
    await chmod(dir, 0o700);
    for (const asKernel of [true, false]) {
      await tls.lockKey();
      expect(await readableBy('www-data', tls.key, { asKernel })).toMatchObject({ answer: 'no', why: expect.stringMatching(/0600 uid 0 gid 0/) });
      await tls.shareKey();
      expect(await readableBy('www-data', tls.key, { asKernel })).toEqual({ answer: 'yes', why: 'readable' });
      expect((await readableBy('www-data', inClosed, { asKernel })).answer).toBe('no');
      expect(await readableBy('no-such-user-here', tls.key, { asKernel })).toMatchObject({ answer: 'no', why: 'there is no user no-such-user-here on this host' });
    }
    expect((await readableBy('www-data', inClosed, { asKernel: false })).why).toBe(`folder ${dir} is mode 0700 uid 0 gid 0`);
  });

  it('passes the mended deployment', async () => {
    await tls.shareKey();
    await beat('0 minutes');
    // The fix doctor prints, run as the worker role.
    const queue = createPool(t.db.workerUrl, { max: 1, applicationName: 'doctor-test' });
    await queue`select graphile_worker.complete_jobs(array(select id from graphile_worker.jobs where attempts >= max_attempts))`.finally(() => queue.end());
    expect((await t.request(`/api/v1/mailboxes/${mailboxId}`, { method: 'PATCH', as: owner, body: { enabled: false } })).status).toBe(200);
    const api = await serveOn('127.0.0.1');
    const nginx = await startNginx(tls, api.port);
    try {
      const { code, out } = await doctor(api, nginx);
      expect(out).not.toMatch(/^FAIL/m);
      expect(code, out).toBe(0);
      for (const name of ['tls certificate', 'tls key', 'tls validity', 'https sign-in', 'https health', 'api listening', 'worker', 'jobs', 'mailboxes']) {
        expect(out).toMatch(new RegExp(`^ok +${name} `, 'm'));
      }
      expect(out).toMatch(new RegExp(`^ok +api listening +127\\.0\\.0\\.1:${api.port} \\(loopback only\\)$`, 'm'));
    } finally {
      await nginx.stop();
      await api.close();
    }
  });
});
