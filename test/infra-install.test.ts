import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from './helpers/app.ts';
import { freePort } from './helpers/free-port.ts';
import { serveTestApp, type TestHttpServer } from './helpers/http-server.ts';

const runFile = promisify(execFile);
const httpsPort = await freePort();
const httpPort = await freePort();
const PUBLIC_URL = `https://localhost:${httpsPort}`;
const t = useTestApp({ publicUrl: PUBLIC_URL });
// nginx and the key-group lookups live in sbin, which a non-login PATH may lack.
const PATH = `${process.env.PATH}:/usr/sbin:/sbin`;

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs infra/install.sh with `bin` first in PATH; a non-zero exit is a result, not a throw. */
async function install(args: string[], bin: string, env: Record<string, string> = {}): Promise<Result> {
  try {
    const { stdout, stderr } = await runFile('bash', ['infra/install.sh', ...args], { env: { ...process.env, ...env, PATH: `${bin}:${PATH}` } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** Stand-ins that append their name and arguments to `log` and exit with `code`. */
async function stubs(dir: string, log: string, names: string[], code = 0): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const name of names) {
    await writeFile(path.join(dir, name), `#!/bin/sh\necho "${name} $*" >> '${log}'\nexit ${code}\n`);
    await chmod(path.join(dir, name), 0o755);
  }
}

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function collect(res: http.IncomingMessage, resolve: (r: Reply) => void) {
  let body = '';
  res.setEncoding('utf8');
  res.on('data', (d: string) => (body += d));
  res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
}

/** GET over HTTPS, verifying nginx's certificate against `ca` for the host name localhost. */
const httpsGet = (url: string, ca: string) => new Promise<Reply>((resolve, reject) => https.get(url, { ca, agent: false }, (res) => collect(res, resolve)).on('error', reject));
const httpGet = (url: string) => new Promise<Reply>((resolve, reject) => http.get(url, { agent: false }, (res) => collect(res, resolve)).on('error', reject));

/** Polls until `fn` stops throwing, up to a deadline. */
async function until<T>(fn: () => Promise<T>, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

const nginxBin = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p)) ?? 'nginx';
let api: TestHttpServer;
let tmp: string;
let root: string;
let bin: string;
let envText: string;
let first: Result;

beforeAll(async () => {
  // A worker heartbeat, so that health is a plain "ok" through nginx.
  await t.owner`insert into app.worker_heartbeat (worker, beat_at) values ('test:1', now()) on conflict (id) do update set beat_at = now()`;
  api = await serveTestApp(t.app);
  tmp = await mkdtemp(path.join(tmpdir(), 'atum-install-'));
  await chmod(tmp, 0o755); // nginx's workers (nobody) reach their temp folders under it
  root = path.join(tmp, 'root');
  bin = path.join(tmp, 'bin');
  await stubs(bin, path.join(tmp, 'systemctl.log'), ['systemctl']);
  // Whatever acts outside the tree must not run with --root.
  await stubs(bin, path.join(tmp, 'outside.log'), ['apt-get', 'useradd', 'usermod', 'runuser', 'psql', 'npm'], 1);
  // An admin's env file, kept by install.sh: the site's upstream is its HOST:PORT, the test's API.
  const template = await readFile('infra/atum.env.example', 'utf8');
  envText = template
    .replace(/^PUBLIC_URL=.*$/m, `PUBLIC_URL=${PUBLIC_URL}`)
    .replace(/^PORT=.*$/m, `PORT=${new URL(api.url).port}`)
    .replace(/^DATA_DIR=.*$/m, `DATA_DIR=${path.join(root, 'var/lib/atum')}`);
  await mkdir(path.join(root, 'etc/atum-desk'), { recursive: true });
  await writeFile(path.join(root, 'etc/atum-desk/atum.env'), envText, { mode: 0o600 });
  first = await install(['--root', root, '--http-port', String(httpPort)], bin);
}, 120_000);

afterAll(async () => {
  await api?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('infra/install.sh --root', () => {
  it('installs code, env file, units, site and a certificate into the tree, touching nothing outside', async () => {
    expect(first.code, first.stderr).toBe(0);
    expect(existsSync(path.join(root, 'opt/atum-desk/package.json'))).toBe(true);
    expect(existsSync(path.join(root, 'opt/atum-desk/node_modules'))).toBe(false);
    expect(await readFile(path.join(root, 'etc/atum-desk/atum.env'), 'utf8')).toBe(envText);
    expect((await stat(path.join(root, 'etc/atum-desk/atum.env'))).mode & 0o777).toBe(0o640);
    expect((await readdir(path.join(root, 'etc/systemd/system'))).sort()).toEqual(['atum-api.service', 'atum-worker.service']);
    expect(await readFile(path.join(tmp, 'systemctl.log'), 'utf8')).toBe(`systemctl --root=${root} enable atum-api atum-worker\n`);
    expect(existsSync(path.join(tmp, 'outside.log'))).toBe(false);

    // The kit's key permissions: Debian's ssl-cert group may read it, nobody else.
    const { stdout: group } = await runFile('getent', ['group', 'ssl-cert']).catch(() => ({ stdout: 'root:x:0:' }));
    const keyGid = Number(group.split(':')[2]);
    const key = await stat(path.join(root, 'etc/ssl/private/atum-desk.key'));
    expect({ mode: key.mode & 0o777, uid: key.uid, gid: key.gid }).toEqual({ mode: 0o640, uid: 0, gid: keyGid });
    expect((await stat(path.join(root, 'etc/ssl/private'))).mode & 0o777).toBe(0o710);
    expect((await stat(path.join(root, 'etc/ssl/certs/atum-desk.crt'))).mode & 0o777).toBe(0o644);
  });

  it('renders the real site template, changing only the host, ports, upstream and paths', async () => {
    const site = await readFile(path.join(root, 'etc/nginx/sites-enabled/atum-desk.conf'), 'utf8');
    const values: Record<string, string> = {
      SERVER_NAME: 'localhost',
      HTTPS_PORT: String(httpsPort),
      HTTPS_SUFFIX: `:${httpsPort}`,
      HTTP_PORT: String(httpPort),
      UPSTREAM: `127.0.0.1:${new URL(api.url).port}`,
      TLS_CERT: path.join(root, 'etc/ssl/certs/atum-desk.crt'),
      TLS_KEY: path.join(root, 'etc/ssl/private/atum-desk.key'),
      ACME_ROOT: path.join(root, 'var/www/html'),
    };
    const template = await readFile('infra/nginx/atum-desk.conf', 'utf8');
    const expected = template
      .split('\n')
      .filter((l) => !l.startsWith('#@'))
      .join('\n')
      .replace(/@([A-Z_]+)@/g, (_, name: string) => values[name]!);
    expect(site).toBe(expected);
  });

  it('serves the app through Debian nginx with that site: HTTPS sign-in redirect and health, HTTP to HTTPS', async () => {
    const run = path.join(tmp, 'nginx');
    await mkdir(run, { recursive: true });
    await writeFile(
      path.join(run, 'nginx.conf'),
      [
        'daemon off;',
        'worker_processes 1;',
        `pid ${run}/nginx.pid;`,
        `error_log ${run}/error.log info;`,
        'events { worker_connections 64; }',
        `http { access_log ${run}/access.log; include ${path.join(root, 'etc/nginx/sites-enabled')}/*.conf; }`,
        '',
      ].join('\n'),
    );
    let nginx: ChildProcess | undefined;
    let log = '';
    try {
      nginx = spawn(nginxBin, ['-p', `${run}/`, '-e', `${run}/error.log`, '-c', `${run}/nginx.conf`], { stdio: ['ignore', 'pipe', 'pipe'] });
      nginx.stderr!.on('data', (d: Buffer) => (log += d.toString()));
      const exited = new Promise<number | null>((r) => nginx!.once('exit', r));
      const ca = await readFile(path.join(root, 'etc/ssl/certs/atum-desk.crt'), 'utf8');

      const home = await Promise.race([until(() => httpsGet(`${PUBLIC_URL}/`, ca), 15_000), exited.then((code) => Promise.reject(new Error(`nginx exited (${code}): ${log}`)))]);
      expect(home.status).toBe(302);
      expect(home.headers.location).toBe('/login');

      const health = await httpsGet(`${PUBLIC_URL}/api/v1/health`, ca);
      expect(health.status).toBe(200);
      expect(JSON.parse(health.body)).toMatchObject({ status: 'ok', database: { status: 'ok' } });
      expect(health.headers['cache-control']).toBe('no-store');

      const plain = await httpGet(`http://localhost:${httpPort}/tickets?x=1`);
      expect(plain.status).toBe(301);
      expect(plain.headers.location).toBe(`${PUBLIC_URL}/tickets?x=1`);

      // And the certificate is checked: without its CA, the connection is refused.
      await expect(httpsGet(`${PUBLIC_URL}/`, '')).rejects.toThrow(/self[- ]signed|unable to verify/i);
    } finally {
      if (nginx && nginx.exitCode === null) {
        const gone = new Promise((r) => nginx!.once('exit', r));
        nginx.kill('SIGTERM');
        await gone;
      }
    }
  }, 60_000);

  it("tests nginx on a re-run with the site already enabled, and shows nginx's own error for a key it cannot load", async () => {
    await writeFile(path.join(root, 'etc/ssl/private/atum-desk.key'), 'not a key\n');
    const again = await install(['--root', root, '--http-port', String(httpPort)], bin);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`cannot load certificate key "${path.join(root, 'etc/ssl/private/atum-desk.key')}"`);
    expect(again.stderr).toMatch(/nginx: \[emerg\]/);
    // The admin's site and key were kept, not replaced.
    expect(await readFile(path.join(root, 'etc/ssl/private/atum-desk.key'), 'utf8')).toBe('not a key\n');
  }, 60_000);
});

describe('infra/install.sh --dry-run', () => {
  it('writes nothing into a --root tree and names every file it would write', async () => {
    const tree = path.join(tmp, 'dry-root');
    const res = await install(['--dry-run', '--root', tree], bin);
    expect(res.code, res.stderr).toBe(0);
    expect(existsSync(tree)).toBe(false);
    for (const file of [
      'etc/atum-desk/atum.env',
      'opt/atum-desk',
      'etc/systemd/system',
      'etc/nginx/sites-available/atum-desk.conf',
      'etc/nginx/sites-enabled/atum-desk.conf',
      'etc/ssl/certs/atum-desk.crt',
      'etc/ssl/private/atum-desk.key',
      'var/lib/atum',
    ]) {
      expect(res.stdout).toContain(path.join(tree, file));
    }
  }, 60_000);

  it('on the real system runs no command that changes anything and names the system paths', async () => {
    // Every command install.sh changes the system with is a stand-in that records its call.
    const guard = path.join(tmp, 'guard');
    const calls = path.join(tmp, 'dry-calls.log');
    await stubs(guard, calls, [
      'apt-get',
      'systemctl',
      'useradd',
      'usermod',
      'install',
      'rsync',
      'chown',
      'chmod',
      'chgrp',
      'ln',
      'mv',
      'cp',
      'rm',
      'mkdir',
      'openssl',
      'runuser',
      'psql',
      'npm',
      'mktemp',
      'nginx',
      'curl',
      'env',
    ]);
    const watched = [
      '/etc/atum-desk',
      '/opt/atum-desk',
      '/etc/nginx/sites-available/atum-desk.conf',
      '/etc/nginx/sites-enabled/atum-desk.conf',
      '/etc/systemd/system/atum-api.service',
      '/etc/ssl/private/atum-desk.key',
    ];
    const before = watched.map((p) => existsSync(p));
    const res = await install(['--dry-run'], guard, { PUBLIC_URL: 'https://desk.dry.test' });
    expect(res.code, res.stderr).toBe(0);
    expect(existsSync(calls) ? await readFile(calls, 'utf8') : '').toBe('');
    expect(watched.map((p) => existsSync(p))).toEqual(before);
    for (const line of [
      'would run: apt-get update -qq',
      'would write /etc/atum-desk/atum.env',
      'PUBLIC_URL=https://desk.dry.test',
      'would run: rsync -a --delete',
      '/etc/systemd/system/',
      'would write /etc/nginx/sites-available/atum-desk.conf',
      'would run: ln -s /etc/nginx/sites-available/atum-desk.conf /etc/nginx/sites-enabled/atum-desk.conf',
      '/etc/ssl/private/atum-desk.key',
      'would run: systemctl restart atum-api atum-worker',
    ]) {
      expect(res.stdout).toContain(line);
    }
  }, 60_000);
});
