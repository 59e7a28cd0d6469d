import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** `yes`/`no`, or `unknown` with why (we may not look, e.g. doctor runs as atum and the key's folder is closed). */
export type Readable = { answer: 'yes' | 'no'; why: string } | { answer: 'unknown'; why: string };

async function idsOf(user: string): Promise<{ uid: number; gids: number[] }> {
  const uid = Number((await run('id', ['-u', user])).stdout.trim());
  const gids = (await run('id', ['-G', user])).stdout.trim().split(/\s+/).map(Number);
  return { uid, gids };
}

// The permission bits that apply to this person: owner's, else group's, else other's (no ACLs).
function allows(s: { uid: number; gid: number; mode: number }, who: { uid: number; gids: number[] }, bit: 4 | 1): boolean {
  if (who.uid === 0) return bit === 4 || (s.mode & 0o111) !== 0;
  if (s.uid === who.uid) return ((s.mode >> 6) & bit) !== 0;
  if (who.gids.includes(s.gid)) return ((s.mode >> 3) & bit) !== 0;
  return (s.mode & bit) !== 0;
}

const octal = (mode: number) => (mode & 0o7777).toString(8).padStart(4, '0');

/**
 * Whether `user` may open `file` for reading. As root it asks the kernel, as that user
 * (`runuser -u user -- test -r file`), so ACLs and every folder on the way count; otherwise it
 * reasons from owner, group and mode of the file and of each folder above it (`asKernel: false`
 * forces that, for tests).
 *
 * @example
 * await readableBy('www-data', '/etc/ssl/private/atum-desk.key'); // { answer: 'no', why: '... 0600 root:root' }
 */
export async function readableBy(user: string, file: string, opts: { asKernel?: boolean } = {}): Promise<Readable> {
  const abs = path.resolve(file);
  let who: { uid: number; gids: number[] };
  try {
    who = await idsOf(user);
  } catch {
    return { answer: 'no', why: `there is no user ${user} on this host` };
  }
  const owner = await stat(abs).then(
    (s) => `${octal(s.mode)} uid ${s.uid} gid ${s.gid}`,
    () => null,
  );
  if (opts.asKernel ?? process.getuid?.() === 0) {
    const ok = await run('runuser', ['-u', user, '--', 'test', '-r', abs]).then(
      () => true,
      () => false,
    );
    return ok ? { answer: 'yes', why: 'readable' } : { answer: 'no', why: owner ? `mode ${owner}` : 'missing or behind a closed folder' };
  }
  const parts = abs.split(path.sep).filter(Boolean);
  for (let i = 0; i < parts.length; i++) {
    const at = path.sep + parts.slice(0, i + 1).join(path.sep);
    const last = i === parts.length - 1;
    let s;
    try {
      s = await stat(at);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { answer: 'no', why: `${at} does not exist` };
      return { answer: 'unknown', why: `cannot look at ${at} as ${process.env.USER ?? `uid ${process.getuid?.()}`} (${code}): run doctor as root` };
    }
    if (!allows(s, who, last ? 4 : 1)) return { answer: 'no', why: `${last ? 'mode' : `folder ${at} is mode`} ${octal(s.mode)} uid ${s.uid} gid ${s.gid}` };
  }
  return { answer: 'yes', why: 'readable' };
}
