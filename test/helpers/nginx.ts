import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './free-port.ts';

export interface TestTls {
  dir: string;
  cert: string;
  key: string;
  /** Key mode 0600 root:root: nginx's master (root) reads it, its www-data workers cannot. */
  lockKey(): Promise<void>;
  /** Key mode 0640 root:www-data, as Debian's ssl-cert group setup gives nginx. */
  shareKey(): Promise<void>;
}

const gidOf = (group: string) => Number(execFileSync('getent', ['group', group]).toString().split(':')[2]);

/**
 * A self-signed certificate for localhost and 127.0.0.1, made by openssl in a temp folder that
 * everyone may enter, so the key's own mode and owner decide who reads it. Needs root (tests run
 * as root) to give the key to root:www-data.
 *
 * @example
 * const tls = await makeTestTls(); await tls.lockKey();
 */
export async function makeTestTls(days = 30): Promise<TestTls> {
  const dir = await mkdtemp(path.join(tmpdir(), 'atum-tls-'));
  await chmod(dir, 0o755);
  const cert = path.join(dir, 'desk.crt');
  const key = path.join(dir, 'desk.key');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', String(days), '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'],
    { stdio: 'ignore' },
  );
  await chmod(cert, 0o644);
  return {
    dir,
    cert,
    key,
    async lockKey() {
      await chown(key, 0, 0);
      await chmod(key, 0o600);
    },
    async shareKey() {
      await chown(key, 0, gidOf('www-data'));
      await chmod(key, 0o640);
    },
  };
}

export interface TestNginx {
  /** `https://localhost:<port>` */
  url: string;
  /** The site file (server block with ssl_certificate / ssl_certificate_key) and the main file. */
  site: string;
  conf: string;
  stop(): Promise<void>;
}

async function waitForPort(port: number, child: ChildProcess, logFile: string, deadlineMs = 15_000): Promise<void> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}: ${await readFile(logFile, 'utf8').catch(() => '')}`);
    const open = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => (s.destroy(), resolve(true)));
      s.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > until) throw new Error(`nginx did not listen on ${port} within ${deadlineMs} ms; see ${logFile}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Debian's nginx in the foreground, with its own prefix in a temp folder: workers as www-data
 * (`user www-data;`, as /etc/nginx/nginx.conf has it), TLS on a free port of 127.0.0.1 with the
 * given certificate, proxying to the API at `upstreamPort` the way infra/nginx/atum-desk.conf does.
 *
 * @example
 * const nginx = await startNginx(tls, apiPort);
 */
export async function startNginx(tls: Pick<TestTls, 'cert' | 'key'>, upstreamPort: number): Promise<TestNginx> {
  const dir = await mkdtemp(path.join(tmpdir(), 'atum-nginx-'));
  await chmod(dir, 0o755);
  await mkdir(path.join(dir, 'logs'));
  const port = await freePort();
  const site = path.join(dir, 'atum-desk.conf');
  const conf = path.join(dir, 'nginx.conf');
  await writeFile(
    site,
    `server {
    listen 127.0.0.1:${port} ssl;
    server_name localhost;
    ssl_certificate     ${tls.cert};
    ssl_certificate_key ${tls.key};   # the key
    location / {
        proxy_pass http://127.0.0.1:${upstreamPort};
        proxy_http_version 1.1;
        proxy_set_header Host $host;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_set_header Connection "";
    }
}
`,
  );
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((k) => `${k}_temp_path ${dir}/${k};`).join(' ');
  await writeFile(
    conf,
    `user www-data;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log;
daemon off;
events { worker_connections 64; }
http { access_log off; ${temp} include ${site}; }
`,
  );
  const logFile = path.join(dir, 'logs', 'error.log');
  const child = spawn('nginx', ['-p', dir, '-c', conf], { stdio: 'ignore' });
  await waitForPort(port, child, logFile);
  return {
    url: `https://localhost:${port}`,
    site,
    conf,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
