import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { withUser } from '#lib/config.ts';
import { createPool } from '#lib/db/pool.ts';
import { createMember, createOrg } from '#lib/orgs/create.ts';
import { TEST_PASSWORD, useTestApp } from './helpers/app.ts';

/**
 * Production runs migrations and the CLI as an owner role that is not a superuser, so FORCEd
 * policies bind it too. Creating an org through such a role must still work: a new user row is
 * not visible to it until the membership exists, so nothing may read it back on insert.
 */
const t = useTestApp();
const role = `atum_owner_t${randomBytes(3).toString('hex')}`;
const password = 'owner-role-test';

afterAll(async () => {
  await t.owner.unsafe(`drop owned by ${role}`).catch(() => {});
  await t.owner.unsafe(`drop role if exists ${role}`);
});

describe('org creation through a non-superuser owner role', () => {
  it('creates the org, its owner and a second member without reading unseen rows', async () => {
    await t.owner.unsafe(`create role ${role} login nosuperuser nobypassrls password '${password}'`);
    await t.owner.unsafe(`grant usage on schema app to ${role}`);
    await t.owner.unsafe(`grant select, insert, update on organizations, users, memberships to ${role}`);
    await t.owner.unsafe(`grant execute on function app.org_id_by_slug(text) to ${role}`);
    // The memberships trigger writes the audit log as whoever changes a membership.
    await t.owner.unsafe(`grant select, insert on audit_log to ${role}`);
    const url = withUser(t.db.ownerUrl, role, password);
    const sql = createPool(url, { max: 1, applicationName: 'atum-test-owner-role' });
    try {
      const created = await createOrg(sql, { slug: 'plain-owner', name: 'Plain owner', adminEmail: 'boss@plain.test', adminPassword: TEST_PASSWORD });
      const member = await createMember(sql, { orgSlug: 'plain-owner', email: 'agent@plain.test', password: TEST_PASSWORD, role: 'agent' });
      expect(member.newUser).toBe(true);
      const rows = await t.owner`select u.email, m.role from memberships m join users u on u.id = m.user_id where m.org_id = ${created.orgId} order by u.email`;
      expect(rows).toEqual([
        { email: 'agent@plain.test', role: 'agent' },
        { email: 'boss@plain.test', role: 'owner' },
      ]);
    } finally {
      await sql.end();
    }
  });
});
