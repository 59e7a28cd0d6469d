import { describe, expect, it } from 'vitest';
import { withTenant } from '#lib/db/tenant.ts';
import { useTestApp } from './helpers/app.ts';

const t = useTestApp();

describe('the users table under the application role', () => {
  it('lets a person change only their own row, even an owner in the same org; password hashes stay unreadable', async () => {
    const owner = await t.org('self-write');
    const agent = await t.member(owner, 'agent', 'agent@self-write.test');
    const asOwner = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(t.deps.unscoped, { orgId: owner.orgId, userId: owner.userId, role: 'owner' }, fn);

    const seen = await asOwner((tx) => tx`select email from users order by email`);
    expect(seen.map((u) => u.email)).toEqual(['agent@self-write.test', owner.email].sort());
    const other = await asOwner((tx) => tx`update users set name = 'Renamed by owner' where id = ${agent.userId}`);
    expect(other.count).toBe(0);
    const own = await asOwner((tx) => tx`update users set name = 'Owner' where id = ${owner.userId}`);
    expect(own.count).toBe(1);
    const [row] = await t.owner`select name from users where id = ${agent.userId}`;
    expect(row!.name).not.toBe('Renamed by owner');

    const hashOfOther = await asOwner((tx) => tx`update users set password_hash = 'x' where id = ${agent.userId}`);
    expect(hashOfOther.count).toBe(0);
    const read = await asOwner((tx) => tx`select password_hash from users where id = ${owner.userId}`).catch((e: { code?: string }) => e);
    expect((read as { code?: string }).code).toBe('42501');
  });
});
