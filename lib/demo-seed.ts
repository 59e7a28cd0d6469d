import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Sql } from './db/pool.ts';
import type { DemoStaff } from './demo/content.ts';
import { createMember, createOrg } from '#lib/orgs/create.ts';

const DEMO = { slug: 'demo', name: 'Demo Support', email: 'admin@demo.local' };

/**
 * On the embedded database's first run, creates a demo org, its admin and two more staff (Ada,
 * an agent, and Grace, a lead, with the admin's password: two browsers show live updates and
 * collision detection). The login is kept in DATA_DIR/demo-login.txt (mode 0600) and printed at
 * every start, so it is never lost. Returns the staff when the org was created just now, for
 * lib/demo/content.ts to fill once the app runs.
 */
export async function seedDemo(owner: Sql, dataDir: string, log: (line: string) => void): Promise<DemoStaff | null> {
  const file = path.join(dataDir, 'demo-login.txt');
  const [any] = await owner`select 1 from organizations limit 1`;
  let staff: DemoStaff | null = null;
  if (!any) {
    const password = randomBytes(12).toString('base64url');
    const admin = await createOrg(owner, { slug: DEMO.slug, name: DEMO.name, adminEmail: DEMO.email, adminPassword: password, adminName: 'Demo Admin' });
    const ada = await createMember(owner, { orgSlug: DEMO.slug, email: 'ada@demo.local', password, role: 'agent', name: 'Ada Lovelace' });
    const grace = await createMember(owner, { orgSlug: DEMO.slug, email: 'grace@demo.local', password, role: 'lead', name: 'Grace Hopper' });
    staff = { orgId: admin.orgId, admin: admin.userId, ada: ada.userId, grace: grace.userId };
    await writeFile(file, `org=${DEMO.slug}\nemail=${DEMO.email}\npassword=${password}\n`, { mode: 0o600 });
    log('created the demo organization on first run');
  }
  const saved = await readFile(file, 'utf8').catch(() => null);
  if (!saved) return staff;
  const fields = Object.fromEntries(
    saved
      .trim()
      .split('\n')
      .map((l) => l.split(/=(.*)/s).slice(0, 2) as [string, string]),
  );
  log(`demo login: organization "${fields.org}", email ${fields.email}, password ${fields.password}`);
  log(`demo staff with the same password: ada@demo.local (agent), grace@demo.local (lead)`);
  return staff;
}
