import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmod, chown, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { freePort } from './free-port.ts';

export interface Dovecot {
  host: string;
  port: number;
  /** Adds (or replaces) an account: `user` / `password`. */
  addUser(user: string, password: string): Promise<void>;
  stop(): Promise<void>;
}

/** The uid/gid a mail user runs as: dovecot's own user when we are root (it refuses root), else ours. */
function mailOwner(): { user: string; uid: number; gid: number } {
  const me = userInfo();
  if (me.uid !== 0) return { user: me.username, uid: me.uid, gid: me.gid };
  const id = (flag: string) => Number(execFileSync('id', [flag, 'dovecot']).toString().trim());
  return { user: 'dovecot', uid: id('-u'), gid: id('-g') };
}

async function waitForPort(port: number, child: ChildProcess, logFile: string, deadlineMs = 15_000): Promise<void> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`dovecot exited with ${child.exitCode}; see ${logFile}`);
    const open = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > until) throw new Error(`dovecot did not listen on ${port} within ${deadlineMs} ms; see ${logFile}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A private Dovecot IMAP server for one test file: its own config in a temp folder,
 * passwd-file accounts, maildirs in the folder, plain IMAP on a free 127.0.0.1 port, run in the
 * foreground as a child process (no system service). Needs the `dovecot-imapd` package
 * (`npm test` installs it first: test/setup-system.ts).
 *
 * @example
 * const imap = await startDovecot();
 * await imap.addUser('help', 'secret');
 */
export async function startDovecot(): Promise<Dovecot> {
  const dir = await mkdtemp(path.join(tmpdir(), 'atum-dovecot-'));
  await chmod(dir, 0o755);
  const owner = mailOwner();
  const mailDir = path.join(dir, 'mail');
  await mkdir(mailDir, { recursive: true });
  await chown(mailDir, owner.uid, owner.gid);
  const port = await freePort();
  const passwd = path.join(dir, 'passwd');
  const log = path.join(dir, 'dovecot.log');
  const conf = path.join(dir, 'dovecot.conf');
  const me = userInfo();
  await writeFile(
    conf,
    `
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${log}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
default_internal_user = ${me.uid === 0 ? 'dovecot' : me.username}
default_login_user = ${me.uid === 0 ? 'dovenull' : me.username}
first_valid_uid = ${Math.min(owner.uid, 100)}
mail_location = maildir:${mailDir}/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${passwd}.%u
}
userdb {
  driver = static
  args = uid=${owner.uid} gid=${owner.gid} home=${mailDir}/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
  # No per-IP penalty for repeated failed logins (the backoff test fails them on purpose): the
  # documented switch is to make the penalty socket unreachable.
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
service stats {
  unix_listener stats-reader {
    mode = 0666
  }
  unix_listener stats-writer {
    mode = 0666
  }
}
`,
  );
  const child = spawn('dovecot', ['-F', '-c', conf], { stdio: 'ignore' });
  await waitForPort(port, child, log);
  return {
    host: '127.0.0.1',
    port,
    async addUser(user, password) {
      // One file per account: Dovecot re-reads a passwd-file at most once a second, so a user
      // added to a shared file right after a login could stay unknown for that second.
      if (!/^[a-z0-9_-]+$/.test(user)) throw new Error(`dovecot test user names are [a-z0-9_-]+, got ${user}`);
      await writeFile(`${passwd}.${user}.new`, `${user}:{PLAIN}${password}::::::\n`);
      await rename(`${passwd}.${user}.new`, `${passwd}.${user}`);
    },
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
