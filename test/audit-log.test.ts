import { beforeAll, describe, expect, it } from 'vitest';
import { audit } from '#lib/audit/record.ts';
import { withTenant } from '#lib/db/tenant.ts';
import { TEST_PASSWORD, useTestApp, type Member } from './helpers/app.ts';

const t = useTestApp();
let owner: Member;
const asOwner = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(t.deps.unscoped, { orgId: owner.orgId, userId: owner.userId, role: 'owner' }, fn);

interface Page {
  items: { seq: string; action: string; actor_user_id: string | null; actor_ip: string | null }[];
  next_before: string | null;
  chain_intact: boolean;
  chain_broken_at: string | null;
}

beforeAll(async () => {
  owner = await t.org('audit-co');
  await t.request('/api/v1/auth/login', { method: 'POST', body: { org: 'audit-co', email: owner.email, password: TEST_PASSWORD } });
  await t.request('/api/v1/auth/login', { method: 'POST', body: { org: 'audit-co', email: owner.email, password: 'wrong password here' } });
  await t.request('/api/v1/api-keys', { method: 'POST', as: owner, body: { name: 'audited', permissions: ['org.read'] } });
});

describe('the audit log', () => {
  it('records sign-ins, failures and key creation, newest first, with actor and address', async () => {
    const page = (await (await t.request('/api/v1/audit', { as: owner })).json()) as Page;
    expect(page.items.map((i) => i.action)).toEqual(['api_key.create', 'auth.login_failed', 'auth.login', 'member.add']);
    expect(page.items[2]).toMatchObject({ actor_user_id: owner.userId, actor_ip: '127.0.0.1' });
    expect(page.chain_intact).toBe(true);
  });

  it('pages by seq', async () => {
    const first = (await (await t.request('/api/v1/audit?limit=2', { as: owner })).json()) as Page;
    expect(first.items).toHaveLength(2);
    const second = (await (await t.request(`/api/v1/audit?limit=2&before=${first.next_before}`, { as: owner })).json()) as Page;
    expect(second.items.map((i) => i.action)).toEqual(['auth.login', 'member.add']);
  });

  it('pages by cursor and next_cursor as well, and refuses cursor together with the deprecated before', async () => {
    const first = (await (await t.request('/api/v1/audit?limit=2&action=auth.', { as: owner })).json()) as Page & { next_cursor: string | null };
    expect(first.items.map((i) => i.action)).toEqual(['auth.login_failed', 'auth.login']);
    const second = (await (await t.request(`/api/v1/audit?limit=2&cursor=${first.next_cursor}`, { as: owner })).json()) as Page & { next_cursor: string | null };
    expect(second.items.map((i) => i.action)).toEqual(['member.add']);
    expect(second.next_cursor).toBeNull();
    const both = await t.request(`/api/v1/audit?cursor=${first.next_cursor}&before=${first.next_before}`, { as: owner });
    expect(both.status).toBe(400);
    expect(((await both.json()) as { error: { code: string } }).error.code).toBe('validation_failed');
    expect(((await (await t.request('/api/v1/audit?cursor=garbage', { as: owner })).json()) as { error: { code: string } }).error.code).toBe('invalid_cursor');
  });

  it('lists past ten entries in number order, not text order (9 before 10 never)', async () => {
    const org = await t.org('audit-order');
    for (let i = 0; i < 12; i++)
      await withTenant(t.deps.unscoped, { orgId: org.orgId, userId: org.userId, role: 'owner' }, (tx) => audit(tx, org.orgId, { userId: org.userId }, { action: 'test.order', details: { i } }));
    const page = (await (await t.request('/api/v1/audit?limit=5', { as: org })).json()) as Page;
    expect(page.items.map((i) => Number(i.seq))).toEqual([13, 12, 11, 10, 9]);
    const next = (await (await t.request(`/api/v1/audit?limit=5&before=${page.next_before}`, { as: org })).json()) as Page;
    expect(next.items.map((i) => Number(i.seq))).toEqual([8, 7, 6, 5, 4]);
  });

  it('filters by action prefix, target, actor and time', async () => {
    const byPrefix = (await (await t.request('/api/v1/audit?action=auth.', { as: owner })).json()) as Page;
    expect(byPrefix.items.map((i) => i.action)).toEqual(['auth.login_failed', 'auth.login']);
    const byActor = (await (await t.request(`/api/v1/audit?actor=${owner.userId}&action=api_key.create`, { as: owner })).json()) as Page;
    expect(byActor.items).toHaveLength(1);
    const future = (await (await t.request(`/api/v1/audit?from=${new Date(Date.now() + 60_000).toISOString()}`, { as: owner })).json()) as Page;
    expect(future.items).toEqual([]);
    expect((await t.request('/api/v1/audit?action=DROP%20TABLE', { as: owner })).status).toBe(400);
  });

  it('numbers rows without gaps under concurrent writers', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => asOwner((tx) => audit(tx, owner.orgId, { userId: owner.userId }, { action: 'test.concurrent', details: { i } }))));
    const rows = await t.owner<{ seq: bigint }[]>`select seq from audit_log where org_id = ${owner.orgId} order by seq`;
    expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i + 1));
    const [chain] = await t.owner`select app.audit_chain_break(${owner.orgId}) as broken`;
    expect(chain!.broken).toBeNull();
  });

  it('cannot be changed or emptied by the application role', async () => {
    for (const statement of ['update audit_log set action = $1', 'delete from audit_log where action <> $1', 'truncate audit_log']) {
      const err = await asOwner((tx) => tx.unsafe(statement, statement.includes('$1') ? ['auth.login'] : [])).catch((e: { code?: string }) => e);
      expect((err as { code?: string }).code, statement).toBe('42501');
    }
  });

  it('refuses edits even from the schema owner, and shows a change made behind its back as a broken chain', async () => {
    const err = await t.owner`update audit_log set action = 'auth.logout' where org_id = ${owner.orgId} and seq = 2`.catch((e: { code?: string }) => e);
    expect((err as { code?: string }).code).toBe('42501');
    await t.owner.begin(async (tx) => {
      await tx`alter table audit_log disable trigger audit_log_no_update`;
      await tx`update audit_log set details = '{"email":"someone-else@audit-co.test"}' where org_id = ${owner.orgId} and seq = 2`;
      await tx`alter table audit_log enable trigger audit_log_no_update`;
    });
    const page = (await (await t.request('/api/v1/audit', { as: owner })).json()) as Page;
    expect(page).toMatchObject({ chain_intact: false, chain_broken_at: '2' });
  });

  it('is readable only with audit.read, and only for the caller’s org', async () => {
    const lead = await t.member(owner, 'lead');
    expect((await t.request('/api/v1/audit', { as: lead })).status).toBe(403);
    const other = await t.org('audit-other');
    const theirs = (await (await t.request('/api/v1/audit', { as: other })).json()) as Page;
    expect(theirs.items.map((i) => i.action)).toEqual(['member.add']);
    expect(JSON.stringify(theirs)).not.toContain(owner.userId);
  });
});
