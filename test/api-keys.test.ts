import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Member } from './helpers/app.ts';

const t = useTestApp();
let owner: Member;
let admin: Member;

const withKey = (key: string) => ({ authorization: `Bearer ${key}` });
async function createKey(as: Member, body: unknown): Promise<{ id: string; key: string; status: number }> {
  const res = await t.request('/api/v1/api-keys', { method: 'POST', as, body });
  const json = (await res.json()) as { id: string; key: string };
  return { ...json, status: res.status };
}

beforeAll(async () => {
  owner = await t.org('keys-co');
  admin = await t.member(owner, 'admin');
});

describe('API keys', () => {
  it('shows the key once, stores only its SHA-256, and lists it without the key', async () => {
    const { key, id, status } = await createKey(admin, { name: 'CRM sync', permissions: ['org.read', 'users.read'] });
    expect(status).toBe(201);
    expect(key).toMatch(/^atk_[0-9a-f]{32}_[0-9a-f]{64}$/);
    const [row] = await t.owner<{ token_hash: Buffer }[]>`select token_hash from api_keys where id = ${id}`;
    expect(row!.token_hash.equals(createHash('sha256').update(key).digest())).toBe(true);
    const list = await (await t.request('/api/v1/api-keys', { as: admin })).text();
    expect(list).toContain('CRM sync');
    expect(list).not.toContain(key.slice(40));
  });

  it('authenticates with its permissions and records when it was last used', async () => {
    const { key, id } = await createKey(admin, { name: 'reader', permissions: ['org.read'] });
    const res = await t.request('/api/v1/org', { headers: withKey(key) });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { slug: string }).slug).toBe('keys-co');
    const [row] = await t.owner<{ last_used_at: Date | null }[]>`select last_used_at from api_keys where id = ${id}`;
    expect(row!.last_used_at).toBeInstanceOf(Date);
    const denied = await t.request('/api/v1/users', { headers: withKey(key) });
    expect(denied.status).toBe(403);
    expect((await t.request('/api/v1/me', { headers: withKey(key) })).status).toBe(403);
  });

  it('stops working the moment it is revoked, and the revocation is audited', async () => {
    const { key, id } = await createKey(admin, { name: 'short-lived', permissions: ['org.read'] });
    expect((await t.request(`/api/v1/api-keys/${id}`, { method: 'DELETE', as: admin })).status).toBe(204);
    expect((await t.request('/api/v1/org', { headers: withKey(key) })).status).toBe(401);
    const actions = await t.owner<{ action: string }[]>`select action from audit_log where org_id = ${owner.orgId} and target_id = ${id} order by seq`;
    expect(actions.map((a) => a.action)).toEqual(['api_key.create', 'api_key.revoke']);
  });

  it('refuses an expired key', async () => {
    const { key, id } = await createKey(admin, { name: 'expiring', permissions: ['org.read'], expires_at: new Date(Date.now() + 3600_000).toISOString() });
    await t.owner`update api_keys set expires_at = now() - interval '1 second' where id = ${id}`;
    expect((await t.request('/api/v1/org', { headers: withKey(key) })).status).toBe(401);
  });

  it('cannot be given permissions its creator does not hold', async () => {
    const res = await t.request('/api/v1/api-keys', { method: 'POST', as: admin, body: { name: 'too much', permissions: ['org.manage_owners'] } });
    expect(res.status).toBe(403);
    const unknown = await t.request('/api/v1/api-keys', { method: 'POST', as: admin, body: { name: 'typo', permissions: ['tickets.delete_all'] } });
    expect(unknown.status).toBe(400);
    const [{ n }] = (await t.owner`select count(*)::int as n from api_keys where name in ('too much', 'typo')`) as unknown as [{ n: number }];
    expect(n).toBe(0);
  });

  it("is scoped to its org: re-addressed to another org it is refused, and another org's key id is a 404", async () => {
    const other = await t.org('keys-other');
    const { key } = await createKey(admin, { name: 'mine', permissions: ['org.read'] });
    const forged = key.replace(/^atk_[0-9a-f]{32}_/, `atk_${other.orgId.replaceAll('-', '')}_`);
    expect((await t.request('/api/v1/org', { headers: withKey(forged) })).status).toBe(401);
    const theirs = await createKey(other, { name: 'theirs', permissions: ['org.read'] });
    expect((await t.request(`/api/v1/api-keys/${theirs.id}`, { method: 'DELETE', as: admin })).status).toBe(404);
    expect((await t.request('/api/v1/org', { headers: withKey(theirs.key) })).status).toBe(200);
  });

  it('is managed by admins only', async () => {
    const agent = await t.member(owner, 'agent');
    expect((await t.request('/api/v1/api-keys', { as: agent })).status).toBe(403);
    expect((await t.request('/api/v1/api-keys', { method: 'POST', as: agent, body: { name: 'x', permissions: ['org.read'] } })).status).toBe(403);
  });
});
