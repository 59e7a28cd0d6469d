import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Sql } from './db/pool.ts';
import { createOrg } from './orgs.ts';

const DEMO = { slug: 'demo', name: 'Demo Support', email: 'admin@demo.local' };

/**
 * On the embedded database's first run, creates a demo org and its admin. The login is kept in
 * DATA_DIR/demo-login.txt (mode 0600) and printed at every start, so it is never lost.
 */
export async function seedDemo(owner: Sql, dataDir: string, log: (line: string) => void): Promise<void> {
  const file = path.join(dataDir, 'demo-login.txt');
  const [any] = await owner`select 1 from organizations limit 1`;
  if (!any) {
    const password = randomBytes(12).toString('base64url');
    await createOrg(owner, { slug: DEMO.slug, name: DEMO.name, adminEmail: DEMO.email, adminPassword: password, adminName: 'Demo Admin' });
    await writeFile(file, `org=${DEMO.slug}\nemail=${DEMO.email}\npassword=${password}\n`, { mode: 0o600 });
    log('created the demo organization on first run');
  }
  const saved = await readFile(file, 'utf8').catch(() => null);
  if (!saved) return;
  const fields = Object.fromEntries(saved.trim().split('\n').map((l) => l.split(/=(.*)/s).slice(0, 2) as [string, string]));
  log(`demo login: organization "${fields.org}", email ${fields.email}, password ${fields.password}`);
}
