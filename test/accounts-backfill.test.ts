/**
 * The upgrade of sql/023 for data the old silent path left (issue 14): a customer membership of
 * an account that was a member of another org first waits for the person's confirmation, and
 * its sessions in that org end. The migration's own statement is run again on such data.
 */
import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { TEST_PASSWORD, useTestApp } from './helpers/app.ts';

const t = useTestApp();

it('unconfirms the customer memberships the old path made and signs them out there, and nothing else', async () => {
  const b = await t.org('bf-b');
  const a = await t.org('bf-a');
  const staff = await t.member(a, 'agent', 'agent@bf-a.test');
  // As the old ensure_requester left it: a later customer membership, confirmed by default.
  await t.owner`insert into memberships (org_id, user_id, role, created_at) values (${a.orgId}, ${b.userId}, 'customer', now() + interval '1 second')`;
  const signIn = (org: string, email: string) => t.request('/api/v1/auth/login', { method: 'POST', body: { org, email, password: TEST_PASSWORD } });
  expect((await signIn('bf-a', b.email)).status).toBe(200);

  const migration = await readFile('sql/023_org_local_people.sql', 'utf8');
  const end = 'alter table memberships force row level security;';
  await t.owner.unsafe(migration.slice(migration.indexOf('alter table memberships no force'), migration.indexOf(end) + end.length));

  const rows = await t.owner<{ org_id: string; user_id: string; confirmed: boolean }[]>`
    select org_id, user_id, confirmed_at is not null as confirmed from memberships where org_id in (${a.orgId}, ${b.orgId})`;
  expect(rows.filter((r) => !r.confirmed)).toEqual([{ org_id: a.orgId, user_id: b.userId, confirmed: false }]);
  expect(rows.find((r) => r.user_id === staff.userId)?.confirmed).toBe(true);
  const sessions = await t.owner<{ org_id: string; revoked_reason: string | null }[]>`select org_id, revoked_reason from sessions where user_id = ${b.userId}`;
  expect(sessions).toEqual([{ org_id: a.orgId, revoked_reason: 'membership_unconfirmed' }]);
  expect((await signIn('bf-a', b.email)).status).toBe(401);
  expect((await signIn('bf-b', b.email)).status).toBe(200);
});
