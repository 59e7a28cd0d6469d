import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pollMailbox } from '#lib/mail/inbound/poll.ts';
import { freePort } from './helpers/free-port.ts';
import { TEST_SECRET, useTestApp, type Member } from './helpers/app.ts';

/**
 * infra/doctor.sh as an operator runs it (systemctl stubbed to say "active"; the app doctor as
 * root, since the test host has no atum user): a health answer of 200 "degraded" used to print
 * `ok … 200 (degraded)`; it must fail and say why.
 */
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });
const run = promisify(execFile);
const t = useTestApp();
let dir: string;
let port: number;
let owner: Member;
let close: () => Promise<void>;

beforeAll(async () => {
  owner = await t.org('doctor-sh');
  dir = await mkdtemp(path.join(tmpdir(), 'atum-doctor-sh-'));
  await writeFile(path.join(dir, 'systemctl'), '#!/bin/sh\necho active\n');
  await chmod(path.join(dir, 'systemctl'), 0o755);
  port = await new Promise<number>((resolve) => {
    const server = serve({ fetch: t.app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => resolve(info.port)) as Server;
    close = () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
  });
  await writeFile(
    path.join(dir, 'atum.env'),
    [
      `DATABASE_URL=${t.db.appUrl}`,
      `WORKER_DATABASE_URL=${t.db.workerUrl}`,
      `APP_SECRET="${TEST_SECRET}"`,
      `PORT=${port}`,
      `PUBLIC_URL=http://127.0.0.1:${port}`,
      `DATA_DIR=${t.deps.config.dataDir}`,
    ].join('\n'),
  );
});
afterAll(async () => {
  await close?.();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function doctorSh() {
  const env = { PATH: `${dir}:${process.env.PATH ?? ''}`, ATUM_APP_DIR: process.cwd(), ATUM_ENV_FILE: path.join(dir, 'atum.env'), ATUM_SERVICE_USER: 'root' };
  return run('bash', ['infra/doctor.sh'], { env }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );
}

const beat = (ago: string) => t.owner`
  insert into app.worker_heartbeat (worker, beat_at) values ('doctor-sh', now() - ${ago}::interval)
  on conflict (id) do update set beat_at = excluded.beat_at`;

describe('infra/doctor.sh', () => {
  let box: string;

  it('fails a degraded health and names why', async () => {
    await beat('10 minutes');
    const res = await t.request('/api/v1/mailboxes', {
      method: 'POST',
      as: owner,
      body: {
        name: 'Support',
        from_address: 'help@doctor-sh.test',
        imap_host: '127.0.0.1',
        imap_port: await freePort(),
        imap_security: 'none',
        imap_user: 'help',
        imap_password: 'pw',
      },
    });
    box = ((await res.json()) as { id: string }).id;
    const c = t.deps.config;
    await pollMailbox(
      { sql: t.deps.unscoped, key: t.deps.mailKey, kv: t.deps.kv, log: () => {}, dataDir: c.dataDir, attachmentMaxBytes: c.attachmentMaxBytes, mailMaxBytes: c.mailMaxBytes, autoreplyCapPerHour: 10 },
      owner.orgId,
      box,
    );

    const { code, out } = await doctorSh();
    expect(out).toMatch(/^ok +atum-api +active$/m);
    expect(out).toMatch(new RegExp(`^FAIL +health +http://127\\.0\\.0\\.1:${port}/api/v1/health: 200 but degraded: worker stale since \\S+, 1 failing mailbox$`, 'm'));
    expect(out).toMatch(/^FAIL +worker +stale/m);
    expect(code, out).not.toBe(0);
  });

  it('passes when the worker beats and no mailbox fails', async () => {
    await beat('0 minutes');
    await t.request(`/api/v1/mailboxes/${box}`, { method: 'PATCH', as: owner, body: { enabled: false } });
    const { code, out } = await doctorSh();
    expect(out).toMatch(new RegExp(`^ok +health +http://127\\.0\\.0\\.1:${port}/api/v1/health: 200 \\(ok\\)$`, 'm'));
    expect(out).toMatch(/^ok +tls +not checked: PUBLIC_URL http:\/\/127\.0\.0\.1:\d+ is plain http$/m);
    expect(out).not.toMatch(/^FAIL/m);
    expect(code, out).toBe(0);
  });
});
